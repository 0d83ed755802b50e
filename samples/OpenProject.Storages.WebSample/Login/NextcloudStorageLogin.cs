using OpenProject.Storages.Nextcloud;

namespace OpenProject.Storages.WebSample.Login;

/// <summary>
/// A real Nextcloud: the state comes from the token store (read only, no request to Nextcloud), the button goes to the library's
/// connect endpoint (<c>MapNextcloudAccountEndpoints</c>: the OAuth2 redirect to Nextcloud and back), disconnect forgets the tokens.
/// </summary>
public sealed class NextcloudStorageLogin(NextcloudAccounts accounts) : IStorageLogin
{
    public Task<StorageConnectionState> GetStateAsync(HostUserId user, CancellationToken cancellationToken) =>
        accounts.GetConnectionStateAsync(Host.SampleStorage.Id, user, cancellationToken);

    public Task DisconnectAsync(HostUserId user, CancellationToken cancellationToken) =>
        accounts.DisconnectAsync(Host.SampleStorage.Id, user, cancellationToken);
}
