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
/// is logged out; <c>invalid_grant</c> logs the user out at once. Serves every Nextcloud storage, each configured by a
/// named <see cref="NextcloudStorageOptions"/> whose name is the <see cref="StorageId"/>.
/// </summary>
public sealed class NextcloudAccessTokenProvider : StorageTokenRefresher
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
        : base(Client(httpClientFactory, options, timeProvider, logger), store, timeProvider, logger)
    {
    }

    private static NextcloudOAuthClient Client(IHttpClientFactory httpClientFactory, IOptionsMonitor<NextcloudStorageOptions> options, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        return new NextcloudOAuthClient(httpClientFactory, options, timeProvider, logger);
    }
}
