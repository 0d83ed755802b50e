namespace OpenProject.Storages;

/// <summary>
/// What a link remembers about its file, so everyone who may see the container sees the file's
/// name, type, times and people, even when they cannot see the file itself in the storage.
/// </summary>
public sealed record FileOriginData
{
    /// <summary>The file or folder name.</summary>
    public required string Name { get; init; }

    /// <summary>The MIME type; <see cref="StorageItem.FolderMimeType"/> for folders.</summary>
    public string? MimeType { get; init; }

    /// <summary>When the file was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the file was last modified.</summary>
    public DateTimeOffset? LastModifiedAt { get; init; }

    /// <summary>Who created the file (display name).</summary>
    public string? CreatedByName { get; init; }

    /// <summary>Who last modified the file (display name).</summary>
    public string? LastModifiedByName { get; init; }

    /// <summary>The origin data of a file as the storage reports it.</summary>
    /// <param name="item">The file.</param>
    /// <returns>The origin data.</returns>
    public static FileOriginData From(StorageItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new()
        {
            Name = item.Name,
            MimeType = item.MimeType ?? (item.IsFolder ? StorageItem.FolderMimeType : null),
            CreatedAt = item.CreatedAt,
            LastModifiedAt = item.LastModifiedAt,
            CreatedByName = item.CreatedByName,
            LastModifiedByName = item.LastModifiedByName,
        };
    }
}
