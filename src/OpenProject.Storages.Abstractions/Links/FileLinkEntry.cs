namespace OpenProject.Storages;

/// <summary>A link with its live status for one user.</summary>
public sealed record FileLinkEntry
{
    /// <summary>The link, with origin data refreshed from the storage when it was available.</summary>
    public required FileLink Link { get; init; }

    /// <summary>The live status.</summary>
    public required FileLinkStatus Status { get; init; }

    /// <summary>Whether the user can open or download the file.</summary>
    public bool CanOpen => Status == FileLinkStatus.Available;
}
