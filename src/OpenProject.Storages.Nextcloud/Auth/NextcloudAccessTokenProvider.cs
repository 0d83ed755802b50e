using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OpenProject.Storages.Nextcloud;

/// <summary>
/// Gives each outgoing Nextcloud request a valid access token for a user: the shared <see cref="StorageTokenRefresher"/>
/// (tokens from the <see cref="IStorageTokenStore"/>, reused from memory until
/// <see cref="NextcloudStorageOptions.TokenRefreshSkew"/> before expiry or for
/// <see cref="NextcloudStorageOptions.TokenCacheDuration"/>, single-flight refreshes per storage and user, the store's
/// refresh claim across processes, rotated refresh tokens never lost) over Nextcloud's OAuth2 token endpoint. Nextcloud
/// answers <c>invalid_request</c> both for a dead refresh token and for the loser of a rotation race, so that refusal
/// waits <see cref="NextcloudStorageOptions.RefreshConflictGracePeriod"/> for another instance's write before the user
/// is logged out. Serves every Nextcloud storage, each configured by a named <see cref="NextcloudStorageOptions"/>
/// whose name is the <see cref="StorageId"/>.
/// </summary>
public sealed class NextcloudAccessTokenProvider : IStorageAccessTokenProvider
{
    /// <summary>Creates a provider.</summary>
    /// <param name="store">The host's token store.</param>
    /// <param name="httpClientFactory">Creates the <see cref="NextcloudAccountsHttpClient.Name"/> client for the token endpoint.</param>
    /// <param name="options">The named options of each Nextcloud storage.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger; it never receives a token.</param>
    public NextcloudAccessTokenProvider(
        IStorageTokenStore store,
        IHttpClientFactory httpClientFactory,
        IOptionsMonitor<NextcloudStorageOptions> options,
        TimeProvider timeProvider,
        ILogger<NextcloudAccessTokenProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        Client = new NextcloudOAuthClient(httpClientFactory, options, timeProvider, logger);
        Refresher = new StorageTokenRefresher(Client, store, timeProvider, logger);
    }

    /// <summary>The Nextcloud side of the accounts, shared with <see cref="NextcloudAccounts"/>.</summary>
    internal NextcloudOAuthClient Client { get; }

    /// <summary>The tokens this process remembers, shared with <see cref="NextcloudAccounts"/> (a connect or disconnect replaces them).</summary>
    internal StorageTokenRefresher Refresher { get; }

    /// <inheritdoc/>
    public ValueTask<StorageAccessToken> GetAccessTokenAsync(StorageId storage, HostUserId user, string? rejectedAccessToken = null, CancellationToken cancellationToken = default) =>
        Refresher.GetAccessTokenAsync(storage, user, rejectedAccessToken, cancellationToken);

    /// <summary>
    /// Tells whether a user is connected, without refreshing or changing anything: <see cref="StorageConnectionState.Ready"/>
    /// when a valid token is stored (or an expired one that can be refreshed), <see cref="StorageConnectionState.LoginRequired"/>
    /// when none is stored or it can no longer be refreshed, <see cref="StorageConnectionState.NoConnection"/> when the storage
    /// is not configured or the last refresh of the stored token could not reach Nextcloud.
    /// </summary>
    /// <param name="storage">The storage.</param>
    /// <param name="user">The host user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The connection state.</returns>
    public Task<StorageConnectionState> GetConnectionStateAsync(StorageId storage, HostUserId user, CancellationToken cancellationToken = default) =>
        Refresher.GetConnectionStateAsync(storage, user, cancellationToken);
}
