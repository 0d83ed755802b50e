namespace OpenProject.Storages;

/// <summary>A container's links in one storage, with the storage's state for the user (one section of a Files tab).</summary>
public sealed record StorageFileLinks
{
    /// <summary>The storage.</summary>
    public required StorageId Storage { get; init; }

    /// <summary>The storage's product name, for example <c>Nextcloud</c>.</summary>
    public required string ProductName { get; init; }

    /// <summary>The storage's state for this user.</summary>
    public required StorageConnectionState State { get; init; }

    /// <summary>What went wrong, when <see cref="State"/> is not <see cref="StorageConnectionState.Ready"/>.</summary>
    public StorageProblem? Problem { get; init; }

    /// <summary>The links, always with their cached origin data, whatever the state.</summary>
    public required IReadOnlyList<FileLinkEntry> Links { get; init; }
}
