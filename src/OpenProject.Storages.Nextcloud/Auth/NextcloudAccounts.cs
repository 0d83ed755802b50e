using Microsoft.Extensions.Logging;

namespace OpenProject.Storages.Nextcloud;

/// <summary>
/// Connects a host user's Nextcloud account (OAuth2 authorization code with PKCE), tells whether they
/// are connected, and disconnects them: the shared <see cref="StorageAccountConnector"/> over Nextcloud's OAuth2 app
/// (the codes of a refused callback are <see cref="NextcloudAccountErrorCodes"/>, of the form
/// <c>Nextcloud.Connect.StateExpired</c>). The host wires two endpoints: one that redirects the browser to
/// <see cref="StorageAccountConnector.BeginConnectAsync"/>'s URL, and the OAuth callback that calls
/// <see cref="StorageAccountConnector.CompleteConnectAsync"/> (see <c>docs/connect-your-accounts.md</c>). Nextcloud has
/// no revocation endpoint: after a disconnect the last access token stays valid there until it expires (at most an
/// hour) unless the user revokes the app in Nextcloud's security settings.
/// </summary>
public sealed class NextcloudAccounts : StorageAccountConnector
{
    /// <summary>Creates the account service.</summary>
    /// <param name="stateStore">Keeps pending attempts between redirect and callback.</param>
    /// <param name="tokenStore">The host's token store.</param>
    /// <param name="tokenProvider">The token provider: Nextcloud's OAuth2 app, and the in-memory tokens a connect or disconnect replaces.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger; it never receives a code, state, verifier or token.</param>
    public NextcloudAccounts(
        IStorageConnectStateStore stateStore,
        IStorageTokenStore tokenStore,
        NextcloudAccessTokenProvider tokenProvider,
        TimeProvider timeProvider,
        ILogger<NextcloudAccounts> logger)
        : base(tokenProvider, stateStore, tokenStore, timeProvider, logger)
    {
    }
}
