using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using OpenProject.Storages.Internal;

namespace OpenProject.Storages;

/// <summary>
/// Gives each outgoing request of a provider a valid access token for a user, from the host's
/// <see cref="IStorageTokenStore"/>, for every provider whose accounts are OAuth2 with rotating refresh tokens
/// (Nextcloud, OneDrive). A token read from the store is reused from memory (no allocation) until it is due for a
/// refresh (<see cref="IStorageAccountOptions.TokenRefreshSkew"/> before expiry) or for a re-read
/// (<see cref="IStorageAccountOptions.TokenCacheDuration"/>). Refreshes are single-flight per storage and user in this
/// process; across processes, the store's refresh claim (<see cref="IStorageTokenStore.TryClaimRefreshAsync"/>) lets
/// one instance send the request while the others wait for its write, and the versioned write still decides for a
/// store without claims: a loser re-reads the winner's rotated tokens instead of failing. A failed refresh keeps the
/// stored tokens unless the server refused the refresh token itself; then the stored token (that version only) is
/// removed and the user must log in again. The provider's token requests go through its <see cref="IStorageOAuthClient"/>;
/// each provider package derives its token provider from this class (<c>NextcloudAccessTokenProvider</c>,
/// <c>OneDriveAccessTokenProvider</c>) with its client.
/// </summary>
public partial class StorageTokenRefresher : IStorageAccessTokenProvider
{
    private static readonly TimeSpan ConflictPollInterval = TimeSpan.FromMilliseconds(200);

    // A refresh claim outlasts the refresh request it covers by this much (reading and storing the answer).
    private static readonly TimeSpan RefreshClaimMargin = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<TokenKey, CacheEntry> _cache = new();
    private readonly ConcurrentDictionary<TokenKey, Task<CacheEntry>> _flights = new();
    private readonly ConcurrentDictionary<TokenKey, long> _refreshFailed = new();
    private readonly IStorageOAuthClient _client;
    private readonly IStorageTokenStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Creates a refresher.</summary>
    /// <param name="client">The provider's authorization server.</param>
    /// <param name="store">The host's token store.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger; it never receives a token.</param>
    public StorageTokenRefresher(IStorageOAuthClient client, IStorageTokenStore store, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _store = store;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>The provider's authorization server, which the <see cref="StorageAccountConnector"/> of the same accounts uses too.</summary>
    internal IStorageOAuthClient Client => _client;

    /// <inheritdoc/>
    public ValueTask<StorageAccessToken> GetAccessTokenAsync(StorageId storage, HostUserId user, string? rejectedAccessToken = null, CancellationToken cancellationToken = default)
    {
        if (storage.Value is null || user.Value is null)
        {
            throw new ArgumentException("The storage and the user must be set.", storage.Value is null ? nameof(storage) : nameof(user));
        }

        var key = new TokenKey(storage, user);
        if (_cache.TryGetValue(key, out var entry)
            && _timeProvider.GetUtcNow() < entry.UsableUntil
            && (rejectedAccessToken is null || !string.Equals(rejectedAccessToken, entry.Access.Value, StringComparison.Ordinal)))
        {
            return new ValueTask<StorageAccessToken>(entry.Access);
        }

        return new ValueTask<StorageAccessToken>(GetSlowAsync(key, rejectedAccessToken, cancellationToken));
    }

    /// <summary>
    /// Tells whether a user is connected, without refreshing or changing anything: <see cref="StorageConnectionState.Ready"/>
    /// when a valid token is stored (or an expired one that can be refreshed), <see cref="StorageConnectionState.LoginRequired"/>
    /// when none is stored or it can no longer be refreshed, <see cref="StorageConnectionState.NoConnection"/> when the storage
    /// is not configured or the last refresh of the stored token failed without refusing it (the server could not be reached).
    /// </summary>
    /// <param name="storage">The storage.</param>
    /// <param name="user">The host user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The connection state.</returns>
    /// <exception cref="StorageException">The token store could not be read.</exception>
    public async Task<StorageConnectionState> GetConnectionStateAsync(StorageId storage, HostUserId user, CancellationToken cancellationToken = default)
    {
        IStorageAccountOptions settings;
        try
        {
            settings = _client.GetSettings(storage);
        }
        catch (StorageException notConfigured) when (notConfigured.Code == StorageErrorCode.NotConfigured)
        {
            return StorageConnectionState.NoConnection;
        }

        var stored = await _store.GetAsync(storage, user, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return StorageConnectionState.LoginRequired;
        }

        if (_timeProvider.GetUtcNow() < stored.Token.ExpiresAt - settings.TokenRefreshSkew)
        {
            return StorageConnectionState.Ready;
        }

        if (string.IsNullOrEmpty(stored.Token.RefreshToken))
        {
            return StorageConnectionState.LoginRequired;
        }

        return _refreshFailed.TryGetValue(new TokenKey(storage, user), out var failedVersion) && failedVersion == stored.Version
            ? StorageConnectionState.NoConnection
            : StorageConnectionState.Ready;
    }

    /// <summary>Drops what this process remembers about a user's token (after a connect or a disconnect).</summary>
    /// <param name="storage">The storage.</param>
    /// <param name="user">The host user.</param>
    public void Forget(StorageId storage, HostUserId user)
    {
        var key = new TokenKey(storage, user);
        _cache.TryRemove(key, out _);
        _refreshFailed.TryRemove(key, out _);
    }

    internal StorageException LoginRequired(StorageId storage, string reason, int? httpStatus = null, string? detail = null) =>
        new(StorageErrorCode.Unauthorized, $"Login to {_client.ProviderName} required for storage '{storage}': {reason}", httpStatus, detail);

    private async Task<StorageAccessToken> GetSlowAsync(TokenKey key, string? rejectedAccessToken, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var entry = await JoinOrStartFlight(key, rejectedAccessToken).WaitAsync(cancellationToken).ConfigureAwait(false);

            // A flight started by a caller without a rejected token may hand back the very token this caller saw refused.
            if (rejectedAccessToken is null || attempt == 2 || !string.Equals(entry.Access.Value, rejectedAccessToken, StringComparison.Ordinal))
            {
                return entry.Access;
            }
        }
    }

    private Task<CacheEntry> JoinOrStartFlight(TokenKey key, string? rejectedAccessToken)
    {
        if (_flights.TryGetValue(key, out var running))
        {
            return running;
        }

        var completion = new TaskCompletionSource<CacheEntry>(TaskCreationOptions.RunContinuationsAsynchronously);
        running = _flights.GetOrAdd(key, completion.Task);
        if (!ReferenceEquals(running, completion.Task))
        {
            return running;
        }

        // Deliberately not tied to any caller's cancellation: once a refresh request is sent, its answer holds the
        // only copy of the rotated refresh token, so it must be read and stored even if the first caller gives up.
        _ = RunFlightAsync(key, rejectedAccessToken, completion);
        return completion.Task;
    }

    private async Task RunFlightAsync(TokenKey key, string? rejectedAccessToken, TaskCompletionSource<CacheEntry> completion)
    {
        try
        {
            var entry = await LoadOrRefreshAsync(key, rejectedAccessToken).ConfigureAwait(false);
            _flights.TryRemove(new KeyValuePair<TokenKey, Task<CacheEntry>>(key, completion.Task));
            completion.SetResult(entry);
        }
        catch (Exception exception)
        {
            _flights.TryRemove(new KeyValuePair<TokenKey, Task<CacheEntry>>(key, completion.Task));
            completion.SetException(exception);
        }
    }

    private async Task<CacheEntry> LoadOrRefreshAsync(TokenKey key, string? rejectedAccessToken)
    {
        var settings = _client.GetSettings(key.Storage);
        var stored = await _store.GetAsync(key.Storage, key.User, CancellationToken.None).ConfigureAwait(false);
        if (stored is null)
        {
            _cache.TryRemove(key, out _);
            throw LoginRequired(key.Storage, $"the user has not connected their {_client.ProviderName} account.");
        }

        var rejected = rejectedAccessToken is not null && string.Equals(stored.Token.AccessToken, rejectedAccessToken, StringComparison.Ordinal);
        if (!rejected && _timeProvider.GetUtcNow() < stored.Token.ExpiresAt - settings.TokenRefreshSkew)
        {
            return Remember(key, stored, settings);
        }

        if (string.IsNullOrEmpty(stored.Token.RefreshToken))
        {
            _cache.TryRemove(key, out _);
            throw LoginRequired(key.Storage, rejected ? $"{_client.ProviderName} refused the access token and there is no refresh token." : "the access token expired and there is no refresh token.");
        }

        return await ClaimAndRefreshAsync(key, stored, settings).ConfigureAwait(false);
    }

    /// <summary>
    /// Of several app instances that find the token expired at once, only the holder of the store's refresh claim
    /// sends the refresh request (the server rotates the refresh token, so a second request would be refused); the
    /// others poll the store for its write and use that token.
    /// </summary>
    private async Task<CacheEntry> ClaimAndRefreshAsync(TokenKey key, StoredStorageToken stored, IStorageAccountOptions settings)
    {
        var lease = settings.TokenRequestTimeout + RefreshClaimMargin;
        while (true)
        {
            var claim = await _store.TryClaimRefreshAsync(key.Storage, key.User, stored.Version, lease, CancellationToken.None).ConfigureAwait(false);
            if (claim is not null)
            {
                await using (claim.ConfigureAwait(false))
                {
                    return await RefreshAsync(key, stored, settings).ConfigureAwait(false);
                }
            }

            // Another instance holds the claim: wait for its write, or for its claim to end without one.
            await Task.Delay(ConflictPollInterval, _timeProvider).ConfigureAwait(false);
            var current = await _store.GetAsync(key.Storage, key.User, CancellationToken.None).ConfigureAwait(false);
            if (current is null)
            {
                _cache.TryRemove(key, out _);
                throw LoginRequired(key.Storage, $"the {_client.ProviderName} account was disconnected while the token was being refreshed.");
            }

            if (current.Version == stored.Version)
            {
                continue;
            }

            if (_timeProvider.GetUtcNow() < current.Token.ExpiresAt - settings.TokenRefreshSkew)
            {
                LogRotatedElsewhere(_logger, _client.ProviderName, key.Storage, key.User);
                return Remember(key, current, settings);
            }

            if (string.IsNullOrEmpty(current.Token.RefreshToken))
            {
                _cache.TryRemove(key, out _);
                throw LoginRequired(key.Storage, "the access token expired and there is no refresh token.");
            }

            // The holder stored a rotated refresh token without a usable access token: refresh with that one.
            stored = current;
        }
    }

    private async Task<CacheEntry> RefreshAsync(TokenKey key, StoredStorageToken stored, IStorageAccountOptions settings)
    {
        try
        {
            var entry = await StorageTelemetry.TraceAsync("token_refresh", key.Storage, () => RefreshCoreAsync(key, stored, settings)).ConfigureAwait(false);
            Telemetry.TokenRefreshed(key.Storage, "success", null);
            return entry;
        }
        catch (StorageException failure)
        {
            Telemetry.TokenRefreshed(key.Storage, "failure", failure.Code.Value);
            throw;
        }
    }

    private async Task<CacheEntry> RefreshCoreAsync(TokenKey key, StoredStorageToken stored, IStorageAccountOptions settings)
    {
        var result = await _client.RefreshAsync(key.Storage, stored.Token, CancellationToken.None).ConfigureAwait(false);
        if (result.Token is { } token)
        {
            return await StoreRefreshedAsync(key, stored, token, settings).ConfigureAwait(false);
        }

        if (result.RefusedBecause is { } because)
        {
            if (result.MayBeRotationRace)
            {
                // The same refusal comes for the loser of a rotation race: give another app instance the chance to
                // store the token it just rotated before logging the user out.
                var winner = await WaitForRotationAsync(key, stored, settings).ConfigureAwait(false);
                if (winner is not null)
                {
                    LogRotatedElsewhere(_logger, _client.ProviderName, key.Storage, key.User);
                    return Remember(key, winner, settings);
                }
            }

            await LogOutAsync(key, stored).ConfigureAwait(false);
            throw LoginRequired(key.Storage, because, result.HttpStatus, result.Detail);
        }

        var failure = result.Failure ?? new StorageException(StorageErrorCode.InvalidResponse, $"The {_client.ProviderName} token refresh ended without a result.");
        if (result.RotatedRefreshToken is { } rotated)
        {
            await KeepRotatedRefreshTokenAsync(key, stored, rotated).ConfigureAwait(false);
            throw failure;
        }

        _refreshFailed[key] = stored.Version;
        LogRefreshFailed(_logger, _client.ProviderName, key.Storage, key.User, failure.Code.Value, failure.HttpStatus);
        throw failure;
    }

    private async Task<CacheEntry> StoreRefreshedAsync(TokenKey key, StoredStorageToken stored, StorageToken token, IStorageAccountOptions settings)
    {
        var written = await _store.TryWriteAsync(key.Storage, key.User, token, stored.Version, CancellationToken.None).ConfigureAwait(false);
        if (written is not null)
        {
            _refreshFailed.TryRemove(key, out _);
            LogRefreshed(_logger, _client.ProviderName, key.Storage, key.User);
            return Remember(key, written, settings);
        }

        // Another writer came first (another instance's refresh, a reconnect or a disconnect): its token wins.
        var current = await _store.GetAsync(key.Storage, key.User, CancellationToken.None).ConfigureAwait(false);
        if (current is null)
        {
            _cache.TryRemove(key, out _);
            throw LoginRequired(key.Storage, $"the {_client.ProviderName} account was disconnected while the token was being refreshed.");
        }

        LogRotatedElsewhere(_logger, _client.ProviderName, key.Storage, key.User);
        return Remember(key, current, settings);
    }

    /// <summary>
    /// Stores the refresh token of a refused answer with the old access token, marked expired: the server has
    /// already invalidated the refresh token we sent, so dropping this one would log the user out.
    /// </summary>
    private async Task KeepRotatedRefreshTokenAsync(TokenKey key, StoredStorageToken stored, string refreshToken)
    {
        var token = stored.Token with { RefreshToken = refreshToken, ExpiresAt = _timeProvider.GetUtcNow() };
        var written = await _store.TryWriteAsync(key.Storage, key.User, token, stored.Version, CancellationToken.None).ConfigureAwait(false);
        _cache.TryRemove(key, out _);
        LogRotatedRefreshTokenKept(_logger, _client.ProviderName, key.Storage, key.User, written is not null);
    }

    private async Task<StoredStorageToken?> WaitForRotationAsync(TokenKey key, StoredStorageToken stored, IStorageAccountOptions settings)
    {
        var started = _timeProvider.GetTimestamp();
        while (true)
        {
            var current = await _store.GetAsync(key.Storage, key.User, CancellationToken.None).ConfigureAwait(false);
            if (current is null || current.Version != stored.Version)
            {
                return current;
            }

            var remaining = settings.RefreshConflictGracePeriod - _timeProvider.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                return null;
            }

            await Task.Delay(remaining < ConflictPollInterval ? remaining : ConflictPollInterval, _timeProvider).ConfigureAwait(false);
        }
    }

    private async Task LogOutAsync(TokenKey key, StoredStorageToken stored)
    {
        // Conditional on the version read: a token another instance rotated in the meantime survives.
        var removed = await _store.RemoveAsync(key.Storage, key.User, stored.Version, CancellationToken.None).ConfigureAwait(false);
        _cache.TryRemove(key, out _);
        _refreshFailed.TryRemove(key, out _);
        LogRefreshRefused(_logger, _client.ProviderName, key.Storage, key.User, removed);
    }

    private CacheEntry Remember(TokenKey key, StoredStorageToken stored, IStorageAccountOptions settings)
    {
        var now = _timeProvider.GetUtcNow();
        var refreshAt = stored.Token.ExpiresAt - settings.TokenRefreshSkew;
        var rereadAt = settings.TokenCacheDuration > TimeSpan.Zero ? now + settings.TokenCacheDuration : now;
        var access = _cache.TryGetValue(key, out var previous) && previous.Version == stored.Version
            ? previous.Access
            : new StorageAccessToken { Value = stored.Token.AccessToken, StorageUserId = stored.Token.StorageUserId, ExpiresAt = stored.Token.ExpiresAt };
        var entry = new CacheEntry(stored.Version, access, refreshAt < rereadAt ? refreshAt : rereadAt);
        _cache[key] = entry;
        return entry;
    }

    [LoggerMessage(EventId = 4120, EventName = "StorageTokenRefreshed", Level = LogLevel.Debug, Message = "Refreshed the {Provider} access token of user {HostUserId} for storage {StorageId}.")]
    private static partial void LogRefreshed(ILogger logger, string provider, StorageId storageId, [HostUserIdData] HostUserId hostUserId);

    [LoggerMessage(EventId = 4121, EventName = "StorageTokenRotatedElsewhere", Level = LogLevel.Information, Message = "Another writer refreshed the {Provider} token of user {HostUserId} for storage {StorageId} first; using its token.")]
    private static partial void LogRotatedElsewhere(ILogger logger, string provider, StorageId storageId, [HostUserIdData] HostUserId hostUserId);

    [LoggerMessage(EventId = 4122, EventName = "StorageRefreshTokenRefused", Level = LogLevel.Warning, Message = "{Provider} refused the refresh token of user {HostUserId} for storage {StorageId}; the user must log in again (stored token removed: {Removed}).")]
    private static partial void LogRefreshRefused(ILogger logger, string provider, StorageId storageId, [HostUserIdData] HostUserId hostUserId, bool removed);

    [LoggerMessage(EventId = 4123, EventName = "StorageTokenRefreshFailed", Level = LogLevel.Warning, Message = "The {Provider} token of user {HostUserId} for storage {StorageId} could not be refreshed ({ErrorCode}, HTTP {HttpStatus}); the stored tokens are kept.")]
    private static partial void LogRefreshFailed(ILogger logger, string provider, StorageId storageId, [HostUserIdData] HostUserId hostUserId, string errorCode, int? httpStatus);

    [LoggerMessage(EventId = 4124, EventName = "StorageRotatedRefreshTokenKept", Level = LogLevel.Warning, Message = "{Provider} answered the token refresh of user {HostUserId} for storage {StorageId} with an unusable token; its new refresh token was kept (stored: {Stored}).")]
    private static partial void LogRotatedRefreshTokenKept(ILogger logger, string provider, StorageId storageId, [HostUserIdData] HostUserId hostUserId, bool stored);

    private readonly record struct TokenKey(StorageId Storage, HostUserId User);

    private sealed class CacheEntry(long version, StorageAccessToken access, DateTimeOffset usableUntil)
    {
        public long Version { get; } = version;

        public StorageAccessToken Access { get; } = access;

        public DateTimeOffset UsableUntil { get; } = usableUntil;
    }
}
