namespace OpenProject.Storages;

/// <summary>A storage that accepts file content from the server side, streamed, never buffered whole.</summary>
public interface IFileUploads
{
    /// <summary>Uploads a stream as a new file in a folder.</summary>
    /// <param name="actor">On whose behalf.</param>
    /// <param name="folder">The existing target folder.</param>
    /// <param name="fileName">The file's name.</param>
    /// <param name="content">The content, read once from its current position.</param>
    /// <param name="conflictPolicy">What to do when the name exists.</param>
    /// <param name="cancellationToken">Cancels the upload; a partial upload is discarded.</param>
    /// <returns>The stored file with its id and final name.</returns>
    /// <exception cref="StorageException"><see cref="StorageErrorCode.Conflict"/> under <see cref="NameConflictPolicy.Fail"/>; <see cref="StorageErrorCode.NotFound"/> when the folder does not exist; <see cref="StorageErrorCode.Forbidden"/> without create permission.</exception>
    /// <exception cref="FileStoredButNotLinkedException">The content was stored, but the storage did not say which file it is (its answer about the stored file failed, named another item or had no id): <see cref="FileStoredButNotLinkedException.StoredPath"/> says where the file is.</exception>
    /// <exception cref="ArgumentException"><paramref name="fileName"/> is not one valid path segment (see <see cref="StoragePath.IsValidName"/>; a lone surrogate is invalid).</exception>
    Task<StorageItem> UploadAsync(StorageActor actor, StoragePath folder, string fileName, Stream content, NameConflictPolicy conflictPolicy = NameConflictPolicy.Fail, CancellationToken cancellationToken = default);
}
