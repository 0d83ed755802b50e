namespace OpenProject.Storages;

/// <summary>A token as stored, with the version that a conditional write must name.</summary>
public sealed record StoredStorageToken
{
    /// <summary>The token.</summary>
    public required StorageToken Token { get; init; }

    /// <summary>The version of the stored row; every write makes a new one.</summary>
    public required long Version { get; init; }
}
