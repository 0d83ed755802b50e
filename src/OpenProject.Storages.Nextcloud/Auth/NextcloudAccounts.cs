using OpenProject.Storages.Nextcloud.Internal;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OpenProject.Storages.Nextcloud;

/// <summary>
/// Connects a host user's Nextcloud account (OAuth2 authorization code with PKCE), tells whether they
/// are connected, and disconnects them. The host wires two endpoints: one that redirects the browser to
/// <see cref="BeginConnectAsync"/>'s URL, and the OAuth callback that calls <see cref="CompleteConnectAsync"/>
/// (see <c>docs/connect-your-accounts.md</c>).
/// </summary>
public sealed partial class NextcloudAccounts
{
    private readonly INextcloudConnectStateStore _stateStore;
    private readonly IStorageTokenStore _tokenStore;
    private readonly NextcloudAccessTokenProvider _tokenProvider;
    private readonly IOptionsMonitor<NextcloudStorageOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly NextcloudTokenEndpoint _endpoint;
    private readonly ILogger _logger;

    /// <summary>Creates the account service.</summary>
    /// <param name="stateStore">Keeps pending attempts between redirect and callback.</param>
    /// <param name="tokenStore">The host's token store.</param>
    /// <param name="tokenProvider">The token provider, whose in-memory tokens a connect or disconnect replaces.</param>
    /// <param name="httpClientFactory">Creates the <see cref="NextcloudAccountsHttpClient.Name"/> client for the token endpoint.</param>
    /// <param name="options">The named options of each Nextcloud storage.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger; it never receives a code, state, verifier or token.</param>
    public NextcloudAccounts(
        INextcloudConnectStateStore stateStore,
        IStorageTokenStore tokenStore,
        NextcloudAccessTokenProvider tokenProvider,
        IHttpClientFactory httpClientFactory,
        IOptionsMonitor<NextcloudStorageOptions> options,
        TimeProvider timeProvider,
        ILogger<NextcloudAccounts> logger)
    {
        ArgumentNullException.ThrowIfNull(stateStore);
        ArgumentNullException.ThrowIfNull(tokenStore);
        ArgumentNullException.ThrowIfNull(tokenProvider);
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _stateStore = stateStore;
        _tokenStore = tokenStore;
        _tokenProvider = tokenProvider;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _endpoint = new NextcloudTokenEndpoint(httpClientFactory, timeProvider, logger);
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
    public async Task<NextcloudConnectRequest> BeginConnectAsync(StorageId storage, HostUserId user, string? returnUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(storage.Value, nameof(storage));
        ArgumentException.ThrowIfNullOrWhiteSpace(user.Value, nameof(user));
        var options = ConnectOptions(storage);
        var state = Pkce.CreateState();
        var verifier = Pkce.CreateVerifier();
        var expiresAt = _timeProvider.GetUtcNow() + options.ConnectStateLifetime;
        await _stateStore.AddAsync(
            new NextcloudPendingConnect { State = state, Storage = storage, User = user, CodeVerifier = verifier, ExpiresAt = expiresAt, ReturnUrl = returnUrl },
            cancellationToken).ConfigureAwait(false);

        var query = new StringBuilder()
            .Append("response_type=code")
            .Append("&client_id=").Append(Uri.EscapeDataString(options.OAuthClientId!))
            .Append("&redirect_uri=").Append(Uri.EscapeDataString(options.OAuthRedirectUri!.AbsoluteUri))
            .Append("&state=").Append(Uri.EscapeDataString(state))
            .Append("&code_challenge=").Append(Uri.EscapeDataString(Pkce.ChallengeFor(verifier)))
            .Append("&code_challenge_method=S256");
        var authorize = new UriBuilder(new NextcloudUris(options.BaseAddress!).OAuthAuthorize()) { Query = query.ToString() };
        LogConnectStarted(_logger, storage, user);
        return new NextcloudConnectRequest { AuthorizationUri = authorize.Uri, ExpiresAt = expiresAt };
    }

    /// <summary>
    /// Completes connecting a user from Nextcloud's callback: checks the state (present, known, unused,
    /// unexpired, issued to this user), the callback URL and the <c>error</c> parameter, exchanges the code,
    /// finds the user's Nextcloud id and stores the tokens, replacing any earlier connection.
    /// </summary>
    /// <param name="user">The signed-in host user receiving the callback.</param>
    /// <param name="callback">The callback's URL and parameters, for example <see cref="NextcloudConnectCallback.FromUrl"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The connection.</returns>
    /// <exception cref="StorageException">
    /// A <see cref="NextcloudAccountErrorCodes"/> code for each way the flow can fail;
    /// <see cref="StorageErrorCode.Unavailable"/> when Nextcloud could not be reached;
    /// <see cref="StorageErrorCode.InvalidResponse"/> when it answered something unexpected;
    /// <see cref="StorageErrorCode.NotConfigured"/> when the storage is not configured for connecting.
    /// </exception>
    public Task<NextcloudAccountConnection> CompleteConnectAsync(HostUserId user, NextcloudConnectCallback callback, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user.Value, nameof(user));
        ArgumentNullException.ThrowIfNull(callback);

        // No storage tag: which storage the callback is for is only known from its state, which may be forged.
        return StorageTelemetry.TraceAsync("connect", null, () => CompleteConnectCoreAsync(user, callback, cancellationToken), cancellationToken);
    }

    private async Task<NextcloudAccountConnection> CompleteConnectCoreAsync(HostUserId user, NextcloudConnectCallback callback, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(callback.State))
        {
            throw Refuse(null, user, NextcloudAccountErrorCodes.StateMissing, "The Nextcloud callback has no state: it did not come from a connect attempt of this application. Please connect again.");
        }

        var pending = await _stateStore.TakeAsync(callback.State, cancellationToken).ConfigureAwait(false);
        if (pending is null)
        {
            throw Refuse(null, user, NextcloudAccountErrorCodes.StateUnknown, "The Nextcloud callback's state is unknown (it may have been started before a restart). Please connect again.");
        }

        if (pending.Used)
        {
            throw Refuse(pending.Storage, user, NextcloudAccountErrorCodes.StateReused, "This Nextcloud callback was already used. Please connect again.");
        }

        if (_timeProvider.GetUtcNow() >= pending.ExpiresAt)
        {
            throw Refuse(pending.Storage, user, NextcloudAccountErrorCodes.StateExpired, "The Nextcloud login took too long and expired. Please connect again.");
        }

        if (pending.User != user)
        {
            throw Refuse(pending.Storage, user, NextcloudAccountErrorCodes.StateUserMismatch, "This Nextcloud callback belongs to a connect attempt of another user. Please connect again.");
        }

        var options = ConnectOptions(pending.Storage);
        if (!NextcloudUris.SameRedirectUri(callback.RedirectUri, options.OAuthRedirectUri!))
        {
            throw Refuse(pending.Storage, user, NextcloudAccountErrorCodes.RedirectUriMismatch, "The Nextcloud callback arrived at another URL than the configured OAuth redirect URI. Check the redirect URI in the storage settings and in Nextcloud.");
        }

        if (!string.IsNullOrEmpty(callback.Error))
        {
            var error = SanitizeOAuthError(callback.Error);
            throw Refuse(pending.Storage, user, NextcloudAccountErrorCodes.AuthorizationFailed, $"Nextcloud did not grant access ({error}). Please connect again.", detail: error);
        }

        if (string.IsNullOrEmpty(callback.Code))
        {
            throw Refuse(pending.Storage, user, NextcloudAccountErrorCodes.CodeMissing, "The Nextcloud callback has no authorization code. Please connect again.");
        }

        var result = await _endpoint.ExchangeCodeAsync(pending.Storage, options, callback.Code, pending.CodeVerifier, cancellationToken).ConfigureAwait(false);
        if (result.Outcome != TokenEndpointOutcome.Success)
        {
            throw ExchangeFailed(pending.Storage, user, result);
        }

        var response = result.Token!;
        if (string.IsNullOrEmpty(response.RefreshToken))
        {
            throw Refuse(pending.Storage, user, StorageErrorCode.InvalidResponse, "Nextcloud issued an access token without a refresh token.", result.HttpStatus);
        }

        var nextcloudUserId = string.IsNullOrEmpty(response.UserId)
            ? await _endpoint.GetUserIdAsync(pending.Storage, options, response.AccessToken!, cancellationToken).ConfigureAwait(false)
            : response.UserId;
        var token = new StorageToken
        {
            AccessToken = response.AccessToken!,
            RefreshToken = response.RefreshToken,
            ExpiresAt = result.RequestedAt + ServerValues.TokenLifetime(response.ExpiresIn),
            StorageUserId = nextcloudUserId,
        };
        await ReplaceTokenAsync(pending.Storage, user, token, cancellationToken).ConfigureAwait(false);
        LogConnected(_logger, pending.Storage, user, nextcloudUserId);
        return new NextcloudAccountConnection { Storage = pending.Storage, User = user, NextcloudUserId = nextcloudUserId, ReturnUrl = pending.ReturnUrl };
    }

    /// <summary>Tells whether a user is connected, without refreshing or changing anything (see <see cref="NextcloudAccessTokenProvider.GetConnectionStateAsync"/>).</summary>
    /// <param name="storage">The storage.</param>
    /// <param name="user">The host user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see cref="StorageConnectionState.Ready"/>, <see cref="StorageConnectionState.LoginRequired"/> or <see cref="StorageConnectionState.NoConnection"/>.</returns>
    public Task<StorageConnectionState> GetConnectionStateAsync(StorageId storage, HostUserId user, CancellationToken cancellationToken = default) =>
        _tokenProvider.GetConnectionStateAsync(storage, user, cancellationToken);

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
    public async Task<bool> DisconnectAsync(StorageId storage, HostUserId user, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(storage.Value, nameof(storage));
        ArgumentException.ThrowIfNullOrWhiteSpace(user.Value, nameof(user));
        var removed = await _tokenStore.RemoveAsync(storage, user, expectedVersion: null, cancellationToken).ConfigureAwait(false);
        _tokenProvider.Forget(storage, user);
        LogDisconnected(_logger, storage, user, removed);
        return removed;
    }

    private async Task ReplaceTokenAsync(StorageId storage, HostUserId user, StorageToken token, CancellationToken cancellationToken)
    {
        // A new login replaces whatever is stored; the versioned write only guards against a concurrent writer.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var current = await _tokenStore.GetAsync(storage, user, cancellationToken).ConfigureAwait(false);
            if (await _tokenStore.TryWriteAsync(storage, user, token, current?.Version, cancellationToken).ConfigureAwait(false) is not null)
            {
                _tokenProvider.Forget(storage, user);
                return;
            }
        }

        throw new StorageException(StorageErrorCode.Conflict, $"The Nextcloud tokens for storage '{storage}' could not be saved: the token store kept changing. Please connect again.");
    }

    private NextcloudStorageOptions ConnectOptions(StorageId storage)
    {
        var options = _options.Get(storage.Value);
        if (!NextcloudAccessTokenProvider.IsConfigured(options) || options.OAuthRedirectUri is not { IsAbsoluteUri: true })
        {
            throw new StorageException(StorageErrorCode.NotConfigured, $"Nextcloud storage '{storage}' needs a base address, OAuth client id, client secret and redirect URI to connect accounts.");
        }

        return options;
    }

    private StorageException ExchangeFailed(StorageId storage, HostUserId user, TokenEndpointResult result) => result.Outcome switch
    {
        TokenEndpointOutcome.InvalidGrant => Refuse(storage, user, NextcloudAccountErrorCodes.InvalidGrant, "Nextcloud refused the authorization (invalid_grant: the PKCE check failed). Please connect again.", result.HttpStatus, result.Error),
        TokenEndpointOutcome.InvalidRequest => Refuse(storage, user, NextcloudAccountErrorCodes.InvalidRequest, "Nextcloud refused the authorization code (invalid_request: it is unknown, already used or older than ten minutes). Please connect again.", result.HttpStatus, result.Error),
        TokenEndpointOutcome.InvalidClient => Refuse(storage, user, NextcloudAccountErrorCodes.InvalidClient, "Nextcloud refused this application's OAuth client (invalid_client). An administrator must check the client id and secret.", result.HttpStatus, result.Error),
        TokenEndpointOutcome.HtmlPage => Refuse(storage, user, NextcloudAccountErrorCodes.ClientNotAuthorized, "Nextcloud answered with a web page instead of a token: the OAuth client is unknown to it, or the base address is wrong. An administrator must check the storage settings.", result.HttpStatus),
        TokenEndpointOutcome.Redirected => Refuse(storage, user, StorageErrorCode.NotConfigured, "Nextcloud redirected the code exchange; redirects are not followed, so that the client secret and the code go nowhere else. An administrator must check the storage's base address (https, host, sub-path).", result.HttpStatus),
        TokenEndpointOutcome.Unavailable => new StorageException(StorageErrorCode.Unavailable, $"Nextcloud storage '{storage}' could not be reached to complete the login.{result.BoundReason} Please try again later.", result.HttpStatus, innerException: result.Exception),
        _ => Refuse(storage, user, StorageErrorCode.InvalidResponse, $"Nextcloud answered the code exchange with something unexpected.{result.BoundReason}", result.HttpStatus, result.Error),
    };

    private StorageException Refuse(StorageId? storage, HostUserId user, StorageErrorCode code, string message, int? httpStatus = null, string? detail = null)
    {
        LogConnectRefused(_logger, storage?.Value ?? "(unknown)", user, code.Value);
        return new StorageException(code, message, httpStatus, detail);
    }

    private static string SanitizeOAuthError(string error)
    {
        foreach (var c in error)
        {
            if (c is not ((>= 'a' and <= 'z') or '_'))
            {
                return "unrecognised error";
            }
        }

        return error.Length <= 64 ? error : "unrecognised error";
    }

    [LoggerMessage(EventId = 4110, EventName = "NextcloudConnectStarted", Level = LogLevel.Information, Message = "User {HostUserId} started connecting to Nextcloud storage {StorageId}.")]
    private static partial void LogConnectStarted(ILogger logger, StorageId storageId, [HostUserIdData] HostUserId hostUserId);

    [LoggerMessage(EventId = 4111, EventName = "NextcloudConnected", Level = LogLevel.Information, Message = "User {HostUserId} connected to Nextcloud storage {StorageId} as Nextcloud user {StorageUserId}.")]
    private static partial void LogConnected(ILogger logger, StorageId storageId, [HostUserIdData] HostUserId hostUserId, [StorageUserIdData] string storageUserId);

    [LoggerMessage(EventId = 4112, EventName = "NextcloudConnectRefused", Level = LogLevel.Warning, Message = "Connecting user {HostUserId} to Nextcloud storage {StorageId} failed: {ErrorCode}.")]
    private static partial void LogConnectRefused(ILogger logger, string storageId, [HostUserIdData] HostUserId hostUserId, string errorCode);

    [LoggerMessage(EventId = 4113, EventName = "NextcloudDisconnected", Level = LogLevel.Information, Message = "User {HostUserId} disconnected from Nextcloud storage {StorageId} (was connected: {WasConnected}).")]
    private static partial void LogDisconnected(ILogger logger, StorageId storageId, [HostUserIdData] HostUserId hostUserId, bool wasConnected);
}
