namespace OpenProject.Storages;

/// <summary>A storage that can hand out download links and stream file content.</summary>
public interface IFileDownloads
{
    /// <summary>Creates a link that downloads the file without further authentication (short-lived).</summary>
    /// <param name="actor">On whose behalf.</param>
    /// <param name="fileId">The file; folders cannot be downloaded.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The download URL.</returns>
    /// <exception cref="StorageException">The file is missing, not visible to the actor, a folder, or the storage failed.</exception>
    Task<Uri> GetDownloadLinkAsync(StorageActor actor, FileId fileId, CancellationToken cancellationToken = default);

    /// <summary>Opens the file's content as a stream that reads from the storage as it goes.</summary>
    /// <param name="actor">On whose behalf.</param>
    /// <param name="fileId">The file.</param>
    /// <param name="cancellationToken">Cancels opening the stream.</param>
    /// <returns>The content; the caller disposes it.</returns>
    /// <exception cref="StorageException">The file is missing, not visible to the actor, a folder, or the storage failed.</exception>
    Task<Stream> OpenReadAsync(StorageActor actor, FileId fileId, CancellationToken cancellationToken = default);
}
