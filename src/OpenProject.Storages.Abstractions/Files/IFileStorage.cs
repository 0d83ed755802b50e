namespace OpenProject.Storages;

/// <summary>
/// What every file storage offers: browsing and reading file information, always on behalf of an
/// actor (a host user with their own storage permissions, or the technical user). Further abilities
/// are optional capability interfaces: <see cref="IFileDownloads"/>, <see cref="IFileManagement"/>, <see cref="IStreamingFolderListing"/>,
/// <see cref="IFileUploads"/> and <see cref="IBrowserUploads"/>.
/// </summary>
/// <remarks>Failures are <see cref="StorageException"/>s with a <see cref="StorageErrorCode"/>.</remarks>
public interface IFileStorage
{
    /// <summary>The host's id of this storage.</summary>
    StorageId Id { get; }

    /// <summary>The product name shown to users, for example <c>Nextcloud</c> ("Login to Nextcloud").</summary>
    string ProductName { get; }

    /// <summary>
    /// Lists a folder: its children, the folder itself and its ancestors (for a breadcrumb). The whole listing is
    /// held in memory, so a provider caps the number of children it collects; a larger folder is refused, and a
    /// storage that implements <see cref="IStreamingFolderListing"/> reads it one child at a time.
    /// </summary>
    /// <param name="actor">On whose behalf.</param>
    /// <param name="folder">The folder to list; <see cref="StoragePath.Root"/> for the actor's root.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The listing.</returns>
    /// <exception cref="StorageException">The folder does not exist (<see cref="StorageErrorCode.NotFound"/>), the actor is not logged in (<see cref="StorageErrorCode.Unauthorized"/>), the folder has more children than the provider's cap (<see cref="StorageErrorCode.InvalidResponse"/>, naming the cap), or the storage failed.</exception>
    Task<FolderListing> ListFolderAsync(StorageActor actor, StoragePath folder, CancellationToken cancellationToken = default);

    /// <summary>Reads what the storage knows about one file or folder.</summary>
    /// <param name="actor">On whose behalf.</param>
    /// <param name="fileId">The file id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The file.</returns>
    /// <exception cref="StorageException"><see cref="StorageErrorCode.NotFound"/>, <see cref="StorageErrorCode.Forbidden"/>, <see cref="StorageErrorCode.Unauthorized"/> or a storage failure.</exception>
    Task<StorageItem> GetFileInfoAsync(StorageActor actor, FileId fileId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads many files in as few requests as the storage allows. Each id gets its own outcome;
    /// only a failure of the whole request (not logged in, unreachable) throws.
    /// </summary>
    /// <param name="actor">On whose behalf.</param>
    /// <param name="fileIds">The ids; duplicates are answered once.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>One result per distinct id.</returns>
    /// <exception cref="StorageException">The request as a whole failed.</exception>
    Task<IReadOnlyDictionary<FileId, FileInfoResult>> GetFileInfosAsync(StorageActor actor, IReadOnlyCollection<FileId> fileIds, CancellationToken cancellationToken = default);

    /// <summary>The URL that opens a file, or its containing folder, in the storage's web interface.</summary>
    /// <param name="fileId">The file id.</param>
    /// <param name="target">The file itself or its folder.</param>
    /// <returns>The URL; the storage checks the user's access when it is opened.</returns>
    Uri GetOpenLink(FileId fileId, OpenLinkTarget target);
}
