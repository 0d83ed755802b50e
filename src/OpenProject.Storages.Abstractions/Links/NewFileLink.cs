namespace OpenProject.Storages;

/// <summary>A link to be added to the repository.</summary>
public sealed record NewFileLink
{
    /// <summary>The storage the file lives in.</summary>
    public required StorageId Storage { get; init; }

    /// <summary>The container to link to.</summary>
    public required ContainerRef Container { get; init; }

    /// <summary>The file's stable id in the storage.</summary>
    public required FileId OriginId { get; init; }

    /// <summary>The file's data, as read from the storage.</summary>
    public required FileOriginData Origin { get; init; }

    /// <summary>Who links the file.</summary>
    public required HostUserId CreatedBy { get; init; }
}
