using OpenProject.Storages.OneDrive.Internal;

namespace OpenProject.Storages.OneDrive;

public sealed partial class OneDriveFileStorage
{
    /// <inheritdoc/>
    /// <remarks>
    /// <c>POST items/{folder}:/{name}:/createUploadSession</c> with the user's token, as OpenProject's upload link query;
    /// the session's pre-authenticated <c>uploadUrl</c> is the link (it carries a credential: never log it). The browser
    /// <c>PUT</c>s the bytes in ranges (<see cref="UploadProtocol.ByteRanges"/>) without any token. Graph fixes the name
    /// with the session, so <see cref="NameConflictPolicy.KeepBoth"/> picks the free name first (numbered as Nextcloud
    /// does, <c>report (2).pdf</c>) and asks Graph to <c>fail</c> on a name taken meanwhile; <see cref="NameConflictPolicy.Overwrite"/>
    /// is <c>replace</c>. Graph answers 400 <c>invalidRequest</c> for a missing folder, which is <see cref="StorageErrorCode.NotFound"/>
    /// here, as in OpenProject; a folder the user may see but not write to is <see cref="StorageErrorCode.Forbidden"/>.
    /// </remarks>
    public async Task<UploadLink> CreateUploadLinkAsync(StorageActor actor, FileId folderId, string fileName, NameConflictPolicy conflictPolicy = NameConflictPolicy.Fail, CancellationToken cancellationToken = default)
    {
        const string Operation = "create an upload link";
        RequireValidName(fileName, nameof(fileName));
        var behaviour = conflictPolicy switch
        {
            NameConflictPolicy.Fail or NameConflictPolicy.KeepBoth => "fail",
            NameConflictPolicy.Overwrite => "replace",
            _ => throw new ArgumentOutOfRangeException(nameof(conflictPolicy), conflictPolicy, "Not a name conflict policy."),
        };
        if (!DriveItems.IsPlausibleId(folderId))
        {
            throw MissingUploadFolder(null);
        }

        try
        {
            var name = conflictPolicy == NameConflictPolicy.KeepBoth
                ? await FreeNameAsync(actor, folderId, fileName, cancellationToken).ConfigureAwait(false)
                : fileName;
            var (stored, uploadUrl, expiresAt) = await CreateSessionAsync(actor, folderId, name, behaviour, conflictPolicy, cancellationToken).ConfigureAwait(false);
            return new UploadLink
            {
                Url = uploadUrl,
                Method = "PUT",
                ExpiresAt = expiresAt ?? throw new StorageException(StorageErrorCode.InvalidResponse, $"Microsoft Graph answered the request to {Operation} without the session's expiration time."),
                Protocol = UploadProtocol.ByteRanges,
                FileName = stored,
                RangeUnit = OneDriveStorageOptions.UploadChunkUnit,
                MaxRangeSize = OneDriveStorageOptions.MaxUploadChunkSize,
            };
        }
        catch (StorageException missing) when (missing.Code == StorageErrorCode.InvalidRequest && missing.HttpStatus == 400)
        {
            throw MissingUploadFolder(missing);
        }
    }

    private static StorageException MissingUploadFolder(Exception? innerException) =>
        new(StorageErrorCode.NotFound, "There is no folder with this id to upload into.", (innerException as StorageException)?.HttpStatus, innerException: innerException);
}
