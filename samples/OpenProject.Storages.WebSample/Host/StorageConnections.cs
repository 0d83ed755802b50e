namespace OpenProject.Storages.WebSample.Host;

/// <summary>
/// Whether a user is connected to a storage, for a storage section with no links yet and for the user's settings. The in-memory
/// storage answers a user who never connected with Unauthorized, as Nextcloud does without a token; with a real Nextcloud,
/// NextcloudAccounts.GetConnectionStateAsync answers this from the token store instead.
/// </summary>
public sealed class StorageConnections(FileStorageCatalog storages)
{
    public async Task<StorageConnectionState> GetStateAsync(HostUserId user, StorageId storage, CancellationToken cancellationToken)
    {
        try
        {
            await storages.Get(storage).ListFolderAsync(StorageActor.ForUser(user), StoragePath.Root, cancellationToken);
            return StorageConnectionState.Ready;
        }
        catch (StorageException exception) when (exception.Code == StorageErrorCode.Unauthorized)
        {
            return StorageConnectionState.LoginRequired;
        }
        catch (StorageException exception) when (exception.Code == StorageErrorCode.Forbidden)
        {
            return StorageConnectionState.PermissionMissing;
        }
        catch (StorageException)
        {
            return StorageConnectionState.NoConnection;
        }
    }
}
