namespace OpenProject.Storages;

/// <summary>A link from a container (a work package) to a file or folder in a storage.</summary>
public sealed record FileLink
{
    /// <summary>The link's id.</summary>
    public required FileLinkId Id { get; init; }

    /// <summary>The storage the file lives in.</summary>
    public required StorageId Storage { get; init; }

    /// <summary>The container the file is linked to.</summary>
    public required ContainerRef Container { get; init; }

    /// <summary>The file's stable id in the storage.</summary>
    public required FileId OriginId { get; init; }

    /// <summary>The cached data of the file.</summary>
    public required FileOriginData Origin { get; init; }

    /// <summary>Who created the link.</summary>
    public required HostUserId CreatedBy { get; init; }

    /// <summary>When the link was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the link (or its cached origin data) last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }
}
