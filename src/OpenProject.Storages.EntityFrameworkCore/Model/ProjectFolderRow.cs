namespace OpenProject.Storages.EntityFrameworkCore;

/// <summary>The managed folder of one project in one storage.</summary>
public sealed class ProjectFolderRow
{
    /// <summary>The storage's id; with <see cref="ProjectId"/>, the key.</summary>
    public string StorageId { get; set; } = string.Empty;

    /// <summary>The host's project id.</summary>
    public string ProjectId { get; set; } = string.Empty;

    /// <summary>The folder's id in the storage.</summary>
    public string FolderId { get; set; } = string.Empty;
}
