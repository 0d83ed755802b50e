using OpenProject.Storages.Testing;

namespace OpenProject.Storages.WebSample.Login;

/// <summary>
/// The embedded in-memory storage has no OAuth server: its connect endpoint trusts the host and connects the user as the storage
/// user of the same id.
/// </summary>
public sealed class InMemoryStorageLogin(InMemoryFileStorage storage) : IStorageLogin
{
    /// <summary>Read only, like <c>NextcloudAccounts.GetConnectionStateAsync</c>: asks the storage nothing.</summary>
    public Task<StorageConnectionState> GetStateAsync(HostUserId user, CancellationToken cancellationToken) =>
        Task.FromResult(storage.IsConnected(user) ? StorageConnectionState.Ready : StorageConnectionState.LoginRequired);

    public Task DisconnectAsync(HostUserId user, CancellationToken cancellationToken)
    {
        storage.Disconnect(user);
        return Task.CompletedTask;
    }

    /// <summary>Maps <c>GET /nextcloud/connect?returnUrl=</c>: connects the signed-in user and goes back to the local page.</summary>
    public static void MapConnectEndpoint(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet($"{LoginEndpoints.Prefix}/connect", (HttpContext http, InMemoryFileStorage storage, string? returnUrl) =>
        {
            var user = Host.SignedInUser.Of(http.User);
            storage.Connect(user, user.Value);
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).RequireAuthorization();

    // As the library's connect endpoint: only a path of this app, never "//host" or "/\\host".
    private static bool IsLocal(string? url) => url is ['/', ..] && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
