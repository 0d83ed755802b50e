using Microsoft.Extensions.Logging;

namespace OpenProject.Storages.OneDrive;

/// <summary>
/// Connects a host user's OneDrive (Microsoft Entra ID) account with the OAuth2 authorization code flow and PKCE, tells
/// whether they are connected, and disconnects them: the shared <see cref="StorageAccountConnector"/> over Entra ID's
/// v2.0 endpoints of the app registration (<see cref="OneDriveStorageOptions.TenantId"/>,
/// <see cref="OneDriveStorageOptions.ClientId"/>, <see cref="OneDriveStorageOptions.ClientSecret"/>), with the scope
/// OpenProject asks for (<c>https://graph.microsoft.com/.default offline_access</c>). The host wires a "connect" endpoint
/// that redirects to <see cref="StorageAccountConnector.BeginConnectAsync"/>'s URL and the callback at
/// <see cref="OneDriveStorageOptions.OAuthRedirectUri"/> that calls <see cref="StorageAccountConnector.CompleteConnectAsync"/>;
/// the connection's <see cref="StorageAccountConnection.StorageUserId"/> is the user's Entra object id (from
/// <c>GET /me</c>). A refused callback has a code of <see cref="OneDriveAccountErrorCodes.Callback"/>, a refused code
/// exchange <see cref="OneDriveAccountErrorCodes.InvalidGrant"/> or <see cref="OneDriveAccountErrorCodes.InvalidClient"/>.
/// Entra ID offers no revocation of one refresh token: after a disconnect the last access token stays valid until it
/// expires (about an hour), and the user can revoke the app's consent in their Microsoft account.
/// </summary>
public sealed class OneDriveAccounts : StorageAccountConnector
{
    /// <summary>Creates the account service.</summary>
    /// <param name="stateStore">Keeps pending attempts between redirect and callback.</param>
    /// <param name="tokenStore">The host's token store.</param>
    /// <param name="tokenProvider">The token provider: Entra ID's endpoints, and the in-memory tokens a connect or disconnect replaces.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger; it never receives a code, state, verifier or token.</param>
    public OneDriveAccounts(IStorageConnectStateStore stateStore, IStorageTokenStore tokenStore, OneDriveAccessTokenProvider tokenProvider, TimeProvider timeProvider, ILogger<OneDriveAccounts> logger)
        : base(tokenProvider, stateStore, tokenStore, timeProvider, logger)
    {
    }
}
