namespace OpenProject.Storages.WebSample.Login;

/// <summary>
/// The user's connection to the storage, as the Files tab and the user's settings need it: whether the user is connected,
/// where the "Nextcloud login" button goes, and disconnecting. One implementation per kind of storage the sample runs on.
/// </summary>
public interface IStorageLogin
{
    /// <summary>Whether the user is connected; for a storage section with no links yet and for the user's settings.</summary>
    Task<StorageConnectionState> GetStateAsync(HostUserId user, CancellationToken cancellationToken);

    /// <summary>Forgets the user's connection; links stay and show "Login to Nextcloud" until the user logs in again.</summary>
    Task DisconnectAsync(HostUserId user, CancellationToken cancellationToken);
}
