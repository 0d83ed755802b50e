namespace OpenProject.Storages.ProjectFolders;

/// <summary>
/// Where the host keeps the id of each project's managed folder, per storage. Given one in
/// <see cref="ProjectFolderSyncOptions.StateStore"/>, <see cref="ProjectFolderSynchronizer"/> reads the ids before
/// planning and saves the ids of the folders it created or adopted: the next run finds a renamed folder by its id
/// instead of creating a second one, on whichever app instance it runs.
/// </summary>
public interface IProjectFolderStateStore
{
    /// <summary>Reads the folder id of every project of a storage that has one.</summary>
    /// <param name="storage">The storage.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Project id → folder id; empty before the first sync.</returns>
    /// <exception cref="StorageException">The store cannot be reached (<see cref="StorageErrorCode.Unavailable"/>).</exception>
    Task<IReadOnlyDictionary<string, FileId>> GetFolderIdsAsync(StorageId storage, CancellationToken cancellationToken = default);

    /// <summary>Stores folder ids, replacing the id a project had; projects not named keep theirs.</summary>
    /// <param name="storage">The storage.</param>
    /// <param name="folderIds">Project id → folder id.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when every id is stored.</returns>
    /// <exception cref="ArgumentException">A project id is empty or longer than the store holds.</exception>
    /// <exception cref="StorageException">The store cannot be reached (<see cref="StorageErrorCode.Unavailable"/>); nothing is half-written.</exception>
    Task SaveFolderIdsAsync(StorageId storage, IReadOnlyDictionary<string, FileId> folderIds, CancellationToken cancellationToken = default);
}
