using Microsoft.Extensions.Logging;

namespace OpenProject.Storages.OneDrive;

/// <summary>
/// Connects a host user's OneDrive (Microsoft Entra ID) account with the OAuth2 authorization code flow and PKCE, tells
/// whether they are connected, and disconnects them: the shared <see cref="StorageAccountConnector"/> over Entra ID's
/// v2.0 endpoints of the app registration (<see cref="OneDriveStorageOptions.TenantId"/>,
/// <see cref="OneDriveStorageOptions.ClientId"/>, <see cref="OneDriveStorageOptions.ClientSecret"/>), with the scope
/// OpenProject asks for (<c>https://graph.microsoft.com/.default offline_access</c>). The host wires a "connect" endpoint
/// that redirects to <see cref="BeginConnectAsync"/>'s URL and the callback at
/// <see cref="OneDriveStorageOptions.OAuthRedirectUri"/> that calls <see cref="CompleteConnectAsync"/>.
/// </summary>
public sealed class OneDriveAccounts
{
    private readonly StorageAccountConnector _connector;

    /// <summary>Creates the account service.</summary>
    /// <param name="stateStore">Keeps pending attempts between redirect and callback.</param>
    /// <param name="tokenStore">The host's token store.</param>
    /// <param name="tokenProvider">The token provider, whose in-memory tokens a connect or disconnect replaces.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger; it never receives a code, state, verifier or token.</param>
    public OneDriveAccounts(IStorageConnectStateStore stateStore, IStorageTokenStore tokenStore, OneDriveAccessTokenProvider tokenProvider, TimeProvider timeProvider, ILogger<OneDriveAccounts> logger)
    {
        ArgumentNullException.ThrowIfNull(tokenProvider);
        _connector = new StorageAccountConnector(tokenProvider.Client, stateStore, tokenStore, tokenProvider.Refresher, timeProvider, logger);
    }

    /// <summary>
    /// Starts connecting a user: a single-use <c>state</c> bound to the user that expires after
    /// <see cref="OneDriveStorageOptions.ConnectStateLifetime"/>, a PKCE verifier, and Entra ID's authorize URL
    /// (<c>{tenant}/oauth2/v2.0/authorize</c>) to redirect the browser to.
    /// </summary>
    /// <param name="storage">The storage to connect to.</param>
    /// <param name="user">The signed-in host user.</param>
    /// <param name="returnUrl">Where the host wants to send the user afterwards; handed back by <see cref="CompleteConnectAsync"/>, unchecked.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The authorize URL and when the attempt expires.</returns>
    /// <exception cref="StorageException"><see cref="StorageErrorCode.NotConfigured"/> when the storage lacks its tenant id, client id, secret or redirect URI.</exception>
    public Task<StorageConnectRequest> BeginConnectAsync(StorageId storage, HostUserId user, string? returnUrl = null, CancellationToken cancellationToken = default) =>
        _connector.BeginConnectAsync(storage, user, returnUrl, cancellationToken);

    /// <summary>
    /// Completes connecting a user from Entra ID's callback: checks the state, the callback URL and the <c>error</c>
    /// parameter, exchanges the code with the PKCE verifier, asks Graph whose the token is (<c>GET /me</c>) and stores the
    /// tokens, replacing any earlier connection.
    /// </summary>
    /// <param name="user">The signed-in host user receiving the callback.</param>
    /// <param name="callback">The callback's URL and parameters, for example <see cref="StorageConnectCallback.FromUrl"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The connection; its <see cref="StorageAccountConnection.StorageUserId"/> is the user's Entra object id.</returns>
    /// <exception cref="StorageException">
    /// A <see cref="OneDriveAccountErrorCodes"/> code for each way the flow can fail;
    /// <see cref="StorageErrorCode.Unavailable"/> when Entra ID or Graph could not be reached;
    /// <see cref="StorageErrorCode.InvalidResponse"/> when they answered something unexpected;
    /// <see cref="StorageErrorCode.NotConfigured"/> when the storage is not configured for connecting.
    /// </exception>
    public Task<StorageAccountConnection> CompleteConnectAsync(HostUserId user, StorageConnectCallback callback, CancellationToken cancellationToken = default) =>
        _connector.CompleteConnectAsync(user, callback, cancellationToken);

    /// <summary>Tells whether a user is connected, without refreshing or changing anything (see <see cref="OneDriveAccessTokenProvider.GetConnectionStateAsync"/>).</summary>
    /// <param name="storage">The storage.</param>
    /// <param name="user">The host user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see cref="StorageConnectionState.Ready"/>, <see cref="StorageConnectionState.LoginRequired"/> or <see cref="StorageConnectionState.NoConnection"/>.</returns>
    public Task<StorageConnectionState> GetConnectionStateAsync(StorageId storage, HostUserId user, CancellationToken cancellationToken = default) =>
        _connector.GetConnectionStateAsync(storage, user, cancellationToken);

    /// <summary>
    /// Disconnects a user: removes their tokens and Entra identity for the storage. Afterwards every user-bound call
    /// reports <see cref="StorageErrorCode.Unauthorized"/> (login required) until they connect again; other app instances
    /// notice within <see cref="OneDriveStorageOptions.TokenCacheDuration"/>. Entra ID offers no revocation of one
    /// refresh token: the last access token stays valid until it expires (about an hour), and the user can revoke the
    /// app's consent in their Microsoft account.
    /// </summary>
    /// <param name="storage">The storage.</param>
    /// <param name="user">The host user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when the user was connected.</returns>
    public Task<bool> DisconnectAsync(StorageId storage, HostUserId user, CancellationToken cancellationToken = default) =>
        _connector.DisconnectAsync(storage, user, cancellationToken);
}
