using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OpenProject.Storages.OneDrive;

/// <summary>
/// Gives each outgoing Graph request a valid delegated access token for a user: the shared
/// <see cref="StorageTokenRefresher"/> (tokens from the host's <see cref="IStorageTokenStore"/>, reused from memory until
/// <see cref="OneDriveStorageOptions.TokenRefreshSkew"/> before expiry or for <see cref="OneDriveStorageOptions.TokenCacheDuration"/>,
/// one refresh per storage and user at a time, the store's refresh claim across processes, the rotated refresh token
/// stored before anyone uses it) over Microsoft Entra ID's token endpoint. A refresh refused with <c>invalid_grant</c>
/// or <c>interaction_required</c> removes the stored token and reports <see cref="StorageErrorCode.Unauthorized"/>
/// ("login required"); one that could not reach Entra ID keeps it. Serves every OneDrive storage, each configured by a
/// named <see cref="OneDriveStorageOptions"/> whose name is the <see cref="StorageId"/>.
/// </summary>
public sealed class OneDriveAccessTokenProvider : IStorageAccessTokenProvider
{
    /// <summary>Creates a provider.</summary>
    /// <param name="store">The host's token store.</param>
    /// <param name="httpClientFactory">Creates the <see cref="OneDriveAccountsHttpClient.Name"/> client for Entra ID.</param>
    /// <param name="options">The named options of each OneDrive storage.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger; it never receives a token.</param>
    public OneDriveAccessTokenProvider(
        IStorageTokenStore store,
        IHttpClientFactory httpClientFactory,
        IOptionsMonitor<OneDriveStorageOptions> options,
        TimeProvider timeProvider,
        ILogger<OneDriveAccessTokenProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        Client = new OneDriveOAuthClient(options, httpClientFactory, timeProvider);
        Refresher = new StorageTokenRefresher(Client, store, timeProvider, logger);
    }

    /// <summary>Entra ID as the accounts see it, shared with <see cref="OneDriveAccounts"/>.</summary>
    internal OneDriveOAuthClient Client { get; }

    /// <summary>The tokens this process remembers, shared with <see cref="OneDriveAccounts"/> (a connect or disconnect replaces them).</summary>
    internal StorageTokenRefresher Refresher { get; }

    /// <inheritdoc/>
    public ValueTask<StorageAccessToken> GetAccessTokenAsync(StorageId storage, HostUserId user, string? rejectedAccessToken = null, CancellationToken cancellationToken = default) =>
        Refresher.GetAccessTokenAsync(storage, user, rejectedAccessToken, cancellationToken);

    /// <summary>Tells whether a user is connected, from the stored token alone (see <see cref="StorageTokenRefresher.GetConnectionStateAsync"/>).</summary>
    /// <param name="storage">The storage.</param>
    /// <param name="user">The host user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The connection state.</returns>
    public Task<StorageConnectionState> GetConnectionStateAsync(StorageId storage, HostUserId user, CancellationToken cancellationToken = default) =>
        Refresher.GetConnectionStateAsync(storage, user, cancellationToken);
}
