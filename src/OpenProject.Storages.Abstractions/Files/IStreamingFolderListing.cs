namespace OpenProject.Storages;

/// <summary>
/// A storage that can read a folder of any size as a stream of its children, holding one item at a time
/// instead of the whole listing. <see cref="IFileStorage.ListFolderAsync"/> collects a folder's children
/// only up to a limit the provider sets, and refuses a larger folder; read such a folder with
/// <see cref="EnumerateFolderAsync"/>.
/// </summary>
public interface IStreamingFolderListing
{
    /// <summary>
    /// Reads a folder's direct children as the storage sends them, without the folder itself. The children
    /// come in the storage's order (not sorted, since sorting would need the whole listing), each once.
    /// Nothing is requested until the enumeration starts; a failure ends it as a <see cref="StorageException"/>,
    /// possibly after some children have already arrived.
    /// </summary>
    /// <param name="actor">On whose behalf.</param>
    /// <param name="folder">The folder to read; <see cref="StoragePath.Root"/> for the actor's root.</param>
    /// <param name="cancellationToken">Cancels the request and the enumeration.</param>
    /// <returns>The children, one at a time.</returns>
    /// <exception cref="StorageException">The folder does not exist (<see cref="StorageErrorCode.NotFound"/>), is a file (<see cref="StorageErrorCode.InvalidRequest"/>), the actor is not logged in (<see cref="StorageErrorCode.Unauthorized"/>), or the storage failed.</exception>
    IAsyncEnumerable<StorageItem> EnumerateFolderAsync(StorageActor actor, StoragePath folder, CancellationToken cancellationToken = default);
}
