namespace OpenProject.Storages;

/// <summary>A storage that lets a browser upload straight into a folder through a one-time URL.</summary>
public interface IBrowserUploads
{
    /// <summary>Creates a one-time upload URL for a folder.</summary>
    /// <param name="actor">On whose behalf; the upload gets this user's permissions.</param>
    /// <param name="folderId">The target folder.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The link.</returns>
    /// <exception cref="StorageException"><see cref="StorageErrorCode.NotFound"/> when the folder is missing or the user may not write to it.</exception>
    Task<UploadLink> CreateUploadLinkAsync(StorageActor actor, FileId folderId, CancellationToken cancellationToken = default);
}
