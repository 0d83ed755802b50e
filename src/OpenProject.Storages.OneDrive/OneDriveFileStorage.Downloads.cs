using OpenProject.Storages.OneDrive.Internal;

namespace OpenProject.Storages.OneDrive;

public sealed partial class OneDriveFileStorage
{
    /// <inheritdoc/>
    /// <remarks>
    /// <c>GET items/{id}/content</c> without following the redirect: Graph answers 302 with a pre-authenticated
    /// SharePoint address (<c>download.aspx?…&amp;tempauth=…</c>), which is the link. It carries a credential: do not log it.
    /// </remarks>
    public async Task<Uri> GetDownloadLinkAsync(StorageActor actor, FileId fileId, CancellationToken cancellationToken = default) =>
        await FindDownloadAsync(actor, fileId, "create a download link", cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    /// <remarks>
    /// The download link, then a plain <c>GET</c> of it without the bearer token (the token stays on Graph). The
    /// headers must come within <see cref="OneDriveStorageOptions.ResponseTimeout"/>; each read of the body must make
    /// progress within <see cref="OneDriveStorageOptions.TransferIdleTimeout"/>.
    /// </remarks>
    public async Task<Stream> OpenReadAsync(StorageActor actor, FileId fileId, CancellationToken cancellationToken = default)
    {
        const string Operation = "download a file";
        var address = await FindDownloadAsync(actor, fileId, Operation, cancellationToken).ConfigureAwait(false);
        return await _graph.OpenDownloadAsync(address, Operation, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Uri> FindDownloadAsync(StorageActor actor, FileId fileId, string operation, CancellationToken cancellationToken)
    {
        if (!DriveItems.IsPlausibleId(fileId))
        {
            throw new StorageException(StorageErrorCode.NotFound, "OneDrive has no item with that id.", 404);
        }

        GraphAnswer answer;
        try
        {
            answer = await _graph.SendAsync(actor, () => new HttpRequestMessage(HttpMethod.Get, DriveItems.Resolve(_options, DriveItems.ById(_options.DriveId, fileId) + "/content")), operation, cancellationToken, redirectIsSuccess: true).ConfigureAwait(false);
        }
        catch (StorageException failure) when (failure.Code == StorageErrorCode.NotFound || failure.Code == StorageErrorCode.InvalidRequest)
        {
            // A folder has no content; Graph's refusal does not say so, the item does (one more read, on failure only).
            var item = await GetFileInfoAsync(actor, fileId, cancellationToken).ConfigureAwait(false);
            throw item.IsFolder
                ? new StorageException(StorageErrorCode.InvalidRequest, "A folder cannot be downloaded.", failure.HttpStatus)
                : failure;
        }

        if (answer.Status is >= 300 and < 400 && answer.Location is { IsAbsoluteUri: true } location
            && (location.Scheme == Uri.UriSchemeHttps || location.Scheme == Uri.UriSchemeHttp && location.IsLoopback))
        {
            return location;
        }

        throw new StorageException(StorageErrorCode.InvalidResponse, $"Microsoft Graph answered the request to {operation} without a download address (HTTP {answer.Status}).", answer.Status);
    }
}
