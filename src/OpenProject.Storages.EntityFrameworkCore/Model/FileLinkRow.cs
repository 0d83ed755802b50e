namespace OpenProject.Storages.EntityFrameworkCore;

/// <summary>A file link as stored: one row per (container, storage, file), unique.</summary>
public sealed class FileLinkRow
{
    /// <summary>The link's id, given by the database.</summary>
    public long Id { get; set; }

    /// <summary>The storage's id (<see cref="StorageId.Value"/>).</summary>
    public string StorageId { get; set; } = string.Empty;

    /// <summary>The container's type, such as <c>WorkPackage</c>.</summary>
    public string ContainerType { get; set; } = string.Empty;

    /// <summary>The container's id.</summary>
    public string ContainerId { get; set; } = string.Empty;

    /// <summary>The file's id in the storage.</summary>
    public string OriginId { get; set; } = string.Empty;

    /// <summary>The file's name when it was linked or last seen.</summary>
    public string OriginName { get; set; } = string.Empty;

    /// <summary>The file's MIME type, when known.</summary>
    public string? OriginMimeType { get; set; }

    /// <summary>When the file was created, when known.</summary>
    public DateTimeOffset? OriginCreatedAt { get; set; }

    /// <summary>When the file was last modified, when known.</summary>
    public DateTimeOffset? OriginLastModifiedAt { get; set; }

    /// <summary>Who created the file, when known.</summary>
    public string? OriginCreatedByName { get; set; }

    /// <summary>Who last modified the file, when known.</summary>
    public string? OriginLastModifiedByName { get; set; }

    /// <summary>The host user who made the link.</summary>
    public string CreatedBy { get; set; } = string.Empty;

    /// <summary>When the link was made.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the link's origin data was last updated.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
