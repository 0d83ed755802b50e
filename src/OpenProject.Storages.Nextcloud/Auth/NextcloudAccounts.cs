using Microsoft.Extensions.Logging;

namespace OpenProject.Storages.Nextcloud;

/// <summary>
/// Connects a host user's Nextcloud account (OAuth2 authorization code with PKCE), tells whether they
/// are connected, and disconnects them: the shared <see cref="StorageAccountConnector"/> over Nextcloud's OAuth2 app.
/// The host wires two endpoints: one that redirects the browser to <see cref="BeginConnectAsync"/>'s URL, and the
/// OAuth callback that calls <see cref="CompleteConnectAsync"/> (see <c>docs/connect-your-accounts.md</c>).
/// </summary>
public sealed class NextcloudAccounts
{
    private readonly StorageAccountConnector _connector;

    /// <summary>Creates the account service.</summary>
    /// <param name="stateStore">Keeps pending attempts between redirect and callback.</param>
    /// <param name="tokenStore">The host's token store.</param>
    /// <param name="tokenProvider">The token provider, whose in-memory tokens a connect or disconnect replaces.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger; it never receives a code, state, verifier or token.</param>
    public NextcloudAccounts(
        IStorageConnectStateStore stateStore,
        IStorageTokenStore tokenStore,
        NextcloudAccessTokenProvider tokenProvider,
        TimeProvider timeProvider,
        ILogger<NextcloudAccounts> logger)
    {
        ArgumentNullException.ThrowIfNull(tokenProvider);
        _connector = new StorageAccountConnector(tokenProvider.Client, stateStore, tokenStore, tokenProvider.Refresher, timeProvider, logger);
    }

    /// <summary>
    /// Starts connecting a user: creates a single-use <c>state</c> bound to the user that expires after
    /// <see cref="NextcloudStorageOptions.ConnectStateLifetime"/>, and a PKCE verifier, and returns Nextcloud's
    /// authorize URL to redirect the browser to.
    /// </summary>
    /// <param name="storage">The storage to connect to.</param>
    /// <param name="user">The signed-in host user.</param>
    /// <param name="returnUrl">Where the host wants to send the user afterwards; handed back by <see cref="CompleteConnectAsync"/>, unchecked.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The authorize URL and when the attempt expires.</returns>
    /// <exception cref="StorageException"><see cref="StorageErrorCode.NotConfigured"/> when the storage lacks a base address, client id, secret or redirect URI.</exception>
    public Task<StorageConnectRequest> BeginConnectAsync(StorageId storage, HostUserId user, string? returnUrl = null, CancellationToken cancellationToken = default) =>
        _connector.BeginConnectAsync(storage, user, returnUrl, cancellationToken);

    /// <summary>
    /// Completes connecting a user from Nextcloud's callback: checks the state (present, known, unused,
    /// unexpired, issued to this user), the callback URL and the <c>error</c> parameter, exchanges the code,
    /// finds the user's Nextcloud id and stores the tokens, replacing any earlier connection.
    /// </summary>
    /// <param name="user">The signed-in host user receiving the callback.</param>
    /// <param name="callback">The callback's URL and parameters, for example <see cref="StorageConnectCallback.FromUrl"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The connection; its <see cref="StorageAccountConnection.StorageUserId"/> is the Nextcloud user id.</returns>
    /// <exception cref="StorageException">
    /// A <see cref="NextcloudAccountErrorCodes"/> code for each way the flow can fail;
    /// <see cref="StorageErrorCode.Unavailable"/> when Nextcloud could not be reached;
    /// <see cref="StorageErrorCode.InvalidResponse"/> when it answered something unexpected;
    /// <see cref="StorageErrorCode.NotConfigured"/> when the storage is not configured for connecting.
    /// </exception>
    public Task<StorageAccountConnection> CompleteConnectAsync(HostUserId user, StorageConnectCallback callback, CancellationToken cancellationToken = default) =>
        _connector.CompleteConnectAsync(user, callback, cancellationToken);

    /// <summary>Tells whether a user is connected, without refreshing or changing anything (see <see cref="NextcloudAccessTokenProvider.GetConnectionStateAsync"/>).</summary>
    /// <param name="storage">The storage.</param>
    /// <param name="user">The host user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see cref="StorageConnectionState.Ready"/>, <see cref="StorageConnectionState.LoginRequired"/> or <see cref="StorageConnectionState.NoConnection"/>.</returns>
    public Task<StorageConnectionState> GetConnectionStateAsync(StorageId storage, HostUserId user, CancellationToken cancellationToken = default) =>
        _connector.GetConnectionStateAsync(storage, user, cancellationToken);

    /// <summary>
    /// Disconnects a user: removes their tokens and Nextcloud identity for the storage. Afterwards every
    /// user-bound call reports <see cref="StorageErrorCode.Unauthorized"/> (login required) until they connect
    /// again. Other app instances notice within <see cref="NextcloudStorageOptions.TokenCacheDuration"/>.
    /// Nextcloud has no revocation endpoint: the last access token stays valid there until it expires
    /// (at most an hour) unless the user revokes the app in Nextcloud's security settings.
    /// </summary>
    /// <param name="storage">The storage.</param>
    /// <param name="user">The host user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when the user was connected.</returns>
    public Task<bool> DisconnectAsync(StorageId storage, HostUserId user, CancellationToken cancellationToken = default) =>
        _connector.DisconnectAsync(storage, user, cancellationToken);
}
