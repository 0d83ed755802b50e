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
    Task<StorageItem> UploadAsync(StorageActor actor, StoragePath folder, string fileName, Stream content, NameConflictPolicy conflictPolicy = NameConflictPolicy.Fail, CancellationToken cancellationToken = default);
}
