namespace OpenProject.Storages;

/// <summary>
/// A storage that lets a browser upload one file straight into a folder through a one-time URL, so the content never
/// passes through the host. The link says how to send it (<see cref="UploadLink.Protocol"/>): Nextcloud takes one
/// multipart form, Microsoft Graph byte ranges.
/// </summary>
public interface IBrowserUploads
{
    /// <summary>Creates a one-time upload URL for one file in a folder.</summary>
    /// <param name="actor">On whose behalf; the upload gets this user's permissions.</param>
    /// <param name="folderId">The target folder.</param>
    /// <param name="fileName">The name to store the file under (the name of the browser's file, normally).</param>
    /// <param name="conflictPolicy">What the upload does when the name is taken when it arrives.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The link and how to use it.</returns>
    /// <exception cref="StorageException"><see cref="StorageErrorCode.NotFound"/> when the folder is missing or the user may not write to it.</exception>
    /// <exception cref="ArgumentException"><paramref name="fileName"/> is not one valid path segment (see <see cref="StoragePath.IsValidName"/>).</exception>
    Task<UploadLink> CreateUploadLinkAsync(StorageActor actor, FileId folderId, string fileName, NameConflictPolicy conflictPolicy = NameConflictPolicy.Fail, CancellationToken cancellationToken = default);
}
