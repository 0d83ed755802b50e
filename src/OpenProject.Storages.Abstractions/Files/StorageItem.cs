namespace OpenProject.Storages;

/// <summary>A file or folder as the storage reports it to one user.</summary>
public sealed record StorageItem
{
    /// <summary>The MIME type OpenProject uses for folders; folders carry it so links to folders have a type.</summary>
    public const string FolderMimeType = "application/x-op-directory";

    /// <summary>The stable id in the storage.</summary>
    public required FileId Id { get; init; }

    /// <summary>The name (last path segment); the root folder has the name <c>Root</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Where the item is, as the acting user sees it.</summary>
    public required StoragePath Location { get; init; }

    /// <summary>File or folder.</summary>
    public required StorageItemKind Kind { get; init; }

    /// <summary>The MIME type; <see cref="FolderMimeType"/> for folders; <see langword="null"/> when the storage does not say.</summary>
    public string? MimeType { get; init; }

    /// <summary>The size in bytes, when known.</summary>
    public long? Size { get; init; }

    /// <summary>When the item was created, when known.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the item was last modified, when known.</summary>
    public DateTimeOffset? LastModifiedAt { get; init; }

    /// <summary>The display name of the creator (Nextcloud: the owner), when known.</summary>
    public string? CreatedByName { get; init; }

    /// <summary>The display name of the last modifier, when known.</summary>
    public string? LastModifiedByName { get; init; }

    /// <summary>What the acting user may do with the item.</summary>
    public StoragePermissions Permissions { get; init; }

    /// <summary>Whether this is a folder.</summary>
    public bool IsFolder => Kind == StorageItemKind.Folder;
}
