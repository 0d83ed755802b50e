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
public sealed class OneDriveAccessTokenProvider : StorageTokenRefresher
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
        : base(new OneDriveOAuthClient(
            options ?? throw new ArgumentNullException(nameof(options)),
            httpClientFactory ?? throw new ArgumentNullException(nameof(httpClientFactory)),
            timeProvider ?? throw new ArgumentNullException(nameof(timeProvider))), store, timeProvider, logger)
    {
    }
}
