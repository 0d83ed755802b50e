namespace OpenProject.Storages;

/// <summary>The content of a folder plus what a folder picker needs around it.</summary>
public sealed record FolderListing
{
    /// <summary>The folder itself.</summary>
    public required StorageItem Folder { get; init; }

    /// <summary>The folder's direct children, folders first, then by name.</summary>
    public required IReadOnlyList<StorageItem> Children { get; init; }

    /// <summary>The folders above this one, from the root down to the parent: the breadcrumb.</summary>
    public required IReadOnlyList<StoragePath> Ancestors { get; init; }
}
