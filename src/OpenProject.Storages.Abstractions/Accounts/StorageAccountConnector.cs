using Microsoft.Extensions.Logging;

namespace OpenProject.Storages;

/// <summary>
/// Connects a host user's storage account (OAuth2 authorization code with PKCE, RFC 7636 S256), tells whether they
/// are connected, and disconnects them, for every provider with an <see cref="IStorageOAuthClient"/>. The attempt
/// between the authorize redirect and the callback is kept in an <see cref="IStorageConnectStateStore"/> under a
/// one-time <c>state</c> bound to the user; the tokens go to the host's <see cref="IStorageTokenStore"/>, and the
/// <see cref="StorageTokenRefresher"/> that refreshes them forgets what it remembered. The provider packages derive
/// their accounts from it (<c>NextcloudAccounts</c>, <c>OneDriveAccounts</c>); the provider's authorization server is the
/// refresher's <see cref="IStorageOAuthClient"/>.
/// </summary>
/// <remarks>
/// Each way a callback can be refused has its code in <see cref="StorageConnectErrorCodes"/> (for example
/// <c>OneDrive.Connect.StateExpired</c>); the code exchange fails with the provider's own codes.
/// </remarks>
public partial class StorageAccountConnector
{
    private readonly IStorageOAuthClient _client;
    private readonly IStorageConnectStateStore _stateStore;
    private readonly IStorageTokenStore _tokenStore;
    private readonly StorageTokenRefresher _refresher;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly StorageConnectErrorCodes _codes;

    /// <summary>Creates the connector.</summary>
    /// <param name="refresher">The accounts' token provider: its <see cref="IStorageOAuthClient"/> is the authorization server, and a connect or disconnect replaces its in-memory tokens.</param>
    /// <param name="stateStore">Keeps pending attempts between redirect and callback.</param>
    /// <param name="tokenStore">The host's token store.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger; it never receives a code, state, verifier or token.</param>
    public StorageAccountConnector(StorageTokenRefresher refresher, IStorageConnectStateStore stateStore, IStorageTokenStore tokenStore, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(refresher);
        ArgumentNullException.ThrowIfNull(stateStore);
        ArgumentNullException.ThrowIfNull(tokenStore);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _client = refresher.Client;
        _stateStore = stateStore;
        _tokenStore = tokenStore;
        _refresher = refresher;
        _timeProvider = timeProvider;
        _logger = logger;
        _codes = new StorageConnectErrorCodes(_client.ProviderName);
    }

    /// <summary>
    /// Starts connecting a user: creates a single-use <c>state</c> bound to the user that expires after
    /// <see cref="IStorageAccountOptions.ConnectStateLifetime"/>, and a PKCE verifier, and returns the authorize URL to
    /// redirect the browser to.
    /// </summary>
    /// <param name="storage">The storage to connect to.</param>
    /// <param name="user">The signed-in host user.</param>
    /// <param name="returnUrl">Where the host wants to send the user afterwards; handed back by <see cref="CompleteConnectAsync"/>, unchecked.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The authorize URL and when the attempt expires.</returns>
    /// <exception cref="StorageException"><see cref="StorageErrorCode.NotConfigured"/> when the storage lacks its client settings or redirect URI.</exception>
    public async Task<StorageConnectRequest> BeginConnectAsync(StorageId storage, HostUserId user, string? returnUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(storage.Value, nameof(storage));
        ArgumentException.ThrowIfNullOrWhiteSpace(user.Value, nameof(user));
        var settings = ConnectSettings(storage);
        var state = Pkce.CreateState();
        var verifier = Pkce.CreateVerifier();
        var expiresAt = _timeProvider.GetUtcNow() + settings.ConnectStateLifetime;
        await _stateStore.AddAsync(
            new PendingStorageConnect { State = state, Storage = storage, User = user, CodeVerifier = verifier, ExpiresAt = expiresAt, ReturnUrl = returnUrl },
            cancellationToken).ConfigureAwait(false);
        var authorize = _client.CreateAuthorizationUri(storage, state, Pkce.ChallengeFor(verifier));
        LogConnectStarted(_logger, _client.ProviderName, storage, user);
        return new StorageConnectRequest { AuthorizationUri = authorize, ExpiresAt = expiresAt };
    }

    /// <summary>
    /// Completes connecting a user from the authorization server's callback: checks the state (present, known, unused,
    /// unexpired, issued to this user), the callback URL and the <c>error</c> parameter, exchanges the code with the
    /// attempt's verifier and stores the tokens, replacing any earlier connection.
    /// </summary>
    /// <param name="user">The signed-in host user receiving the callback.</param>
    /// <param name="callback">The callback's URL and parameters, for example <see cref="StorageConnectCallback.FromUrl"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The connection.</returns>
    /// <exception cref="StorageException">
    /// A <see cref="StorageConnectErrorCodes"/> code for each way the callback can be refused, or the provider's code when the
    /// code exchange fails; <see cref="StorageErrorCode.Unavailable"/> when the server could not be reached;
    /// <see cref="StorageErrorCode.InvalidResponse"/> when it answered something unexpected;
    /// <see cref="StorageErrorCode.NotConfigured"/> when the storage is not configured for connecting.
    /// </exception>
    public Task<StorageAccountConnection> CompleteConnectAsync(HostUserId user, StorageConnectCallback callback, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user.Value, nameof(user));
        ArgumentNullException.ThrowIfNull(callback);

        // No storage tag: which storage the callback is for is only known from its state, which may be forged.
        return StorageTelemetry.TraceAsync("connect", null, () => CompleteConnectCoreAsync(user, callback, cancellationToken), cancellationToken);
    }

    /// <summary>Tells whether a user is connected, without refreshing or changing anything (see <see cref="StorageTokenRefresher.GetConnectionStateAsync"/>).</summary>
    /// <param name="storage">The storage.</param>
    /// <param name="user">The host user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see cref="StorageConnectionState.Ready"/>, <see cref="StorageConnectionState.LoginRequired"/> or <see cref="StorageConnectionState.NoConnection"/>.</returns>
    public Task<StorageConnectionState> GetConnectionStateAsync(StorageId storage, HostUserId user, CancellationToken cancellationToken = default) =>
        _refresher.GetConnectionStateAsync(storage, user, cancellationToken);

    /// <summary>
    /// Disconnects a user: removes their tokens and storage identity. Afterwards every user-bound call reports
    /// <see cref="StorageErrorCode.Unauthorized"/> (login required) until they connect again. Other app instances notice
    /// within <see cref="IStorageAccountOptions.TokenCacheDuration"/>.
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
        _refresher.Forget(storage, user);
        LogDisconnected(_logger, _client.ProviderName, storage, user, removed);
        return removed;
    }

    /// <summary>Keeps an OAuth error value only if it looks like one (<c>[a-z_]</c>, at most 64 characters), so that nothing else reaches logs or messages.</summary>
    /// <param name="error">The value the server or the callback sent.</param>
    /// <returns>The value, <see langword="null"/> for none, or "(unrecognised)".</returns>
    public static string? SanitizeOAuthError(string? error)
    {
        if (error is null)
        {
            return null;
        }

        if (error.Length is 0 or > 64)
        {
            return "(unrecognised)";
        }

        foreach (var c in error)
        {
            if (c is not ((>= 'a' and <= 'z') or '_'))
            {
                return "(unrecognised)";
            }
        }

        return error;
    }

    private async Task<StorageAccountConnection> CompleteConnectCoreAsync(HostUserId user, StorageConnectCallback callback, CancellationToken cancellationToken)
    {
        var provider = _client.ProviderName;
        if (string.IsNullOrEmpty(callback.State))
        {
            throw Refuse(null, user, _codes.StateMissing, $"The {provider} callback has no state: it did not come from a connect attempt of this application. Please connect again.");
        }

        var pending = await _stateStore.TakeAsync(callback.State, cancellationToken).ConfigureAwait(false);
        if (pending is null)
        {
            throw Refuse(null, user, _codes.StateUnknown, $"The {provider} callback's state is unknown (it may have been started before a restart). Please connect again.");
        }

        if (pending.Used)
        {
            throw Refuse(pending.Storage, user, _codes.StateReused, $"This {provider} callback was already used. Please connect again.");
        }

        if (_timeProvider.GetUtcNow() >= pending.ExpiresAt)
        {
            throw Refuse(pending.Storage, user, _codes.StateExpired, $"The {provider} login took too long and expired. Please connect again.");
        }

        if (pending.User != user)
        {
            throw Refuse(pending.Storage, user, _codes.StateUserMismatch, $"This {provider} callback belongs to a connect attempt of another user. Please connect again.");
        }

        var settings = ConnectSettings(pending.Storage);
        if (!SameRedirectUri(callback.RedirectUri, settings.OAuthRedirectUri!))
        {
            throw Refuse(pending.Storage, user, _codes.RedirectUriMismatch, $"The {provider} callback arrived at another URL than the configured OAuth redirect URI. Check the redirect URI in the storage settings and in {provider}.");
        }

        if (!string.IsNullOrEmpty(callback.Error))
        {
            var error = SanitizeOAuthError(callback.Error);
            throw Refuse(pending.Storage, user, _codes.AuthorizationFailed, $"{provider} did not grant access ({error}). Please connect again.", detail: error);
        }

        if (string.IsNullOrEmpty(callback.Code))
        {
            throw Refuse(pending.Storage, user, _codes.CodeMissing, $"The {provider} callback has no authorization code. Please connect again.");
        }

        StorageToken token;
        try
        {
            token = await _client.ExchangeCodeAsync(pending.Storage, callback.Code, pending.CodeVerifier, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException refused)
        {
            LogConnectRefused(_logger, provider, pending.Storage.Value, user, refused.Code.Value);
            throw;
        }

        if (string.IsNullOrEmpty(token.RefreshToken))
        {
            var noRefresh = new StorageException(StorageErrorCode.InvalidResponse, $"{provider} issued an access token without a refresh token.");
            LogConnectRefused(_logger, provider, pending.Storage.Value, user, noRefresh.Code.Value);
            throw noRefresh;
        }

        await ReplaceTokenAsync(pending.Storage, user, token, cancellationToken).ConfigureAwait(false);
        LogConnected(_logger, provider, pending.Storage, user, token.StorageUserId);
        return new StorageAccountConnection { Storage = pending.Storage, User = user, StorageUserId = token.StorageUserId, ReturnUrl = pending.ReturnUrl };
    }

    private async Task ReplaceTokenAsync(StorageId storage, HostUserId user, StorageToken token, CancellationToken cancellationToken)
    {
        // A new login replaces whatever is stored; the versioned write only guards against a concurrent writer.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var current = await _tokenStore.GetAsync(storage, user, cancellationToken).ConfigureAwait(false);
            if (await _tokenStore.TryWriteAsync(storage, user, token, current?.Version, cancellationToken).ConfigureAwait(false) is not null)
            {
                _refresher.Forget(storage, user);
                return;
            }
        }

        throw new StorageException(StorageErrorCode.Conflict, $"The {_client.ProviderName} tokens for storage '{storage}' could not be saved: the token store kept changing. Please connect again.");
    }

    private IStorageAccountOptions ConnectSettings(StorageId storage)
    {
        var settings = _client.GetSettings(storage);
        return settings.OAuthRedirectUri is { IsAbsoluteUri: true }
            ? settings
            : throw new StorageException(StorageErrorCode.NotConfigured, $"{_client.ProviderName} storage '{storage}' has no OAuth redirect URI configured, which connecting accounts needs.");
    }

    /// <summary>The callback's URL without its query, compared with the configured redirect URI as a browser would reach it.</summary>
    private static bool SameRedirectUri(Uri callback, Uri configured) =>
        callback.IsAbsoluteUri
        && string.Equals(callback.Scheme, configured.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(callback.IdnHost, configured.IdnHost, StringComparison.OrdinalIgnoreCase)
        && callback.Port == configured.Port
        && string.Equals(callback.AbsolutePath, configured.AbsolutePath, StringComparison.Ordinal);

    private StorageException Refuse(StorageId? storage, HostUserId user, StorageErrorCode code, string message, string? detail = null)
    {
        LogConnectRefused(_logger, _client.ProviderName, storage?.Value ?? "(unknown)", user, code.Value);
        return new StorageException(code, message, detail: detail);
    }

    [LoggerMessage(EventId = 4110, EventName = "StorageConnectStarted", Level = LogLevel.Information, Message = "User {HostUserId} started connecting to {Provider} storage {StorageId}.")]
    private static partial void LogConnectStarted(ILogger logger, string provider, StorageId storageId, [HostUserIdData] HostUserId hostUserId);

    [LoggerMessage(EventId = 4111, EventName = "StorageConnected", Level = LogLevel.Information, Message = "User {HostUserId} connected to {Provider} storage {StorageId} as storage user {StorageUserId}.")]
    private static partial void LogConnected(ILogger logger, string provider, StorageId storageId, [HostUserIdData] HostUserId hostUserId, [StorageUserIdData] string storageUserId);

    [LoggerMessage(EventId = 4112, EventName = "StorageConnectRefused", Level = LogLevel.Warning, Message = "Connecting user {HostUserId} to {Provider} storage {StorageId} failed: {ErrorCode}.")]
    private static partial void LogConnectRefused(ILogger logger, string provider, string storageId, [HostUserIdData] HostUserId hostUserId, string errorCode);

    [LoggerMessage(EventId = 4113, EventName = "StorageDisconnected", Level = LogLevel.Information, Message = "User {HostUserId} disconnected from {Provider} storage {StorageId} (was connected: {WasConnected}).")]
    private static partial void LogDisconnected(ILogger logger, string provider, StorageId storageId, [HostUserIdData] HostUserId hostUserId, bool wasConnected);
}
