namespace OpenProject.Storages;

/// <summary>
/// Where the host keeps file links (its database). The host implements it; the Testing package
/// has an in-memory one.
/// </summary>
public interface IFileLinkRepository
{
    /// <summary>
    /// Adds a link, or returns the existing link for the same container, storage and origin id
    /// (adding is idempotent).
    /// </summary>
    /// <param name="link">The link to add.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored link.</returns>
    Task<FileLink> AddAsync(NewFileLink link, CancellationToken cancellationToken = default);

    /// <summary>Reads one link.</summary>
    /// <param name="id">The link id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The link, or <see langword="null"/> when there is none.</returns>
    Task<FileLink?> GetAsync(FileLinkId id, CancellationToken cancellationToken = default);

    /// <summary>Lists a container's links, oldest first.</summary>
    /// <param name="container">The container.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The links.</returns>
    Task<IReadOnlyList<FileLink>> ListByContainerAsync(ContainerRef container, CancellationToken cancellationToken = default);

    /// <summary>Lists every link to one file (the reverse lookup), oldest first.</summary>
    /// <param name="storage">The storage.</param>
    /// <param name="originId">The file id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The links.</returns>
    Task<IReadOnlyList<FileLink>> ListByOriginAsync(StorageId storage, FileId originId, CancellationToken cancellationToken = default);

    /// <summary>Removes a link.</summary>
    /// <param name="id">The link id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when a link was removed.</returns>
    Task<bool> RemoveAsync(FileLinkId id, CancellationToken cancellationToken = default);

    /// <summary>Replaces the cached origin data of every link to a file (after the storage reported fresher data).</summary>
    /// <param name="storage">The storage.</param>
    /// <param name="originId">The file id.</param>
    /// <param name="origin">The fresh data.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the data is stored.</returns>
    Task UpdateOriginDataAsync(StorageId storage, FileId originId, FileOriginData origin, CancellationToken cancellationToken = default);
}
