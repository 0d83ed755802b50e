namespace OpenProject.Storages;

/// <summary>A storage that can create folders and rename, move and delete items.</summary>
public interface IFileManagement
{
    /// <summary>Creates a folder.</summary>
    /// <param name="actor">On whose behalf.</param>
    /// <param name="parent">The existing parent folder.</param>
    /// <param name="name">The new folder's name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new folder with its id.</returns>
    /// <exception cref="StorageException"><see cref="StorageErrorCode.Conflict"/> when the name exists; <see cref="StorageErrorCode.NotFound"/> when the parent does not.</exception>
    Task<StorageItem> CreateFolderAsync(StorageActor actor, StoragePath parent, string name, CancellationToken cancellationToken = default);

    /// <summary>Renames or moves an item; its id stays the same. An existing destination is never overwritten.</summary>
    /// <param name="actor">On whose behalf.</param>
    /// <param name="source">The item to move.</param>
    /// <param name="destination">Its new path.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The item at its new place.</returns>
    /// <exception cref="StorageException"><see cref="StorageErrorCode.Conflict"/> when the destination exists; <see cref="StorageErrorCode.NotFound"/> when the source or the destination's parent does not.</exception>
    Task<StorageItem> MoveAsync(StorageActor actor, StoragePath source, StoragePath destination, CancellationToken cancellationToken = default);

    /// <summary>Deletes a file, or a folder with everything in it.</summary>
    /// <param name="actor">On whose behalf.</param>
    /// <param name="path">The item to delete.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the item is gone.</returns>
    /// <exception cref="StorageException"><see cref="StorageErrorCode.NotFound"/> when there is no such item.</exception>
    Task DeleteAsync(StorageActor actor, StoragePath path, CancellationToken cancellationToken = default);
}
