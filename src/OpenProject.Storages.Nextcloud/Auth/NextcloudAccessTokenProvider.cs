using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenProject.Storages.Nextcloud.Internal;

namespace OpenProject.Storages.Nextcloud;

/// <summary>
/// Gives each outgoing Nextcloud request a valid access token for a user. A token read from the
/// <see cref="IStorageTokenStore"/> is reused from memory (no allocation) until it is due for a refresh
/// (<see cref="NextcloudStorageOptions.TokenRefreshSkew"/> before expiry) or for a re-read
/// (<see cref="NextcloudStorageOptions.TokenCacheDuration"/>). Refreshes are single-flight per storage
/// and user in this process; across processes, the store's refresh claim
/// (<see cref="IStorageTokenStore.TryClaimRefreshAsync"/>) lets one instance send the request while the others
/// wait for its write, and the versioned write still decides for a store without claims: a loser re-reads the
/// winner's rotated tokens instead of failing. A failed refresh keeps the stored tokens unless
/// Nextcloud refused the refresh token itself. Serves every Nextcloud storage, each configured by a
/// named <see cref="NextcloudStorageOptions"/> whose name is the <see cref="StorageId"/>.
/// </summary>
public sealed partial class NextcloudAccessTokenProvider : IStorageAccessTokenProvider
{
    private static readonly TimeSpan ConflictPollInterval = TimeSpan.FromMilliseconds(200);

    // A refresh claim outlasts the refresh request it covers by this much (reading and storing the answer).
    private static readonly TimeSpan RefreshClaimMargin = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<TokenKey, CacheEntry> _cache = new();
    private readonly ConcurrentDictionary<TokenKey, Task<CacheEntry>> _flights = new();
    private readonly ConcurrentDictionary<TokenKey, long> _refreshUnavailable = new();
    private readonly IStorageTokenStore _store;
    private readonly IOptionsMonitor<NextcloudStorageOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly NextcloudTokenEndpoint _endpoint;
    private readonly ILogger _logger;

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
        _store = store;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _endpoint = new NextcloudTokenEndpoint(httpClientFactory, timeProvider, logger);
    }

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
    /// is not configured or the last refresh of the stored token could not reach Nextcloud.
    /// </summary>
    /// <param name="storage">The storage.</param>
    /// <param name="user">The host user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The connection state.</returns>
    public async Task<StorageConnectionState> GetConnectionStateAsync(StorageId storage, HostUserId user, CancellationToken cancellationToken = default)
    {
        var options = _options.Get(storage.Value);
        if (!IsConfigured(options))
        {
            return StorageConnectionState.NoConnection;
        }

        var stored = await _store.GetAsync(storage, user, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return StorageConnectionState.LoginRequired;
        }

        if (_timeProvider.GetUtcNow() < stored.Token.ExpiresAt - options.TokenRefreshSkew)
        {
            return StorageConnectionState.Ready;
        }

        if (string.IsNullOrEmpty(stored.Token.RefreshToken))
        {
            return StorageConnectionState.LoginRequired;
        }

        return _refreshUnavailable.TryGetValue(new TokenKey(storage, user), out var failedVersion) && failedVersion == stored.Version
            ? StorageConnectionState.NoConnection
            : StorageConnectionState.Ready;
    }

    /// <summary>Drops what this process remembers about a user's token (after a connect or a disconnect).</summary>
    internal void Forget(StorageId storage, HostUserId user)
    {
        var key = new TokenKey(storage, user);
        _cache.TryRemove(key, out _);
        _refreshUnavailable.TryRemove(key, out _);
    }

    internal static bool IsConfigured(NextcloudStorageOptions options) =>
        options.BaseAddress is { IsAbsoluteUri: true }
        && !string.IsNullOrEmpty(options.OAuthClientId)
        && !string.IsNullOrEmpty(options.OAuthClientSecret);

    internal static StorageException LoginRequired(StorageId storage, string reason, int? httpStatus = null, string? detail = null) =>
        new(StorageErrorCode.Unauthorized, $"Login to Nextcloud required for storage '{storage}': {reason}", httpStatus, detail);

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
        var options = _options.Get(key.Storage.Value);
        if (!IsConfigured(options))
        {
            throw new StorageException(StorageErrorCode.NotConfigured, $"Nextcloud storage '{key.Storage}' has no base address, OAuth client id or client secret configured.");
        }

        var stored = await _store.GetAsync(key.Storage, key.User, CancellationToken.None).ConfigureAwait(false);
        if (stored is null)
        {
            _cache.TryRemove(key, out _);
            throw LoginRequired(key.Storage, "the user has not connected their Nextcloud account.");
        }

        var rejected = rejectedAccessToken is not null && string.Equals(stored.Token.AccessToken, rejectedAccessToken, StringComparison.Ordinal);
        if (!rejected && _timeProvider.GetUtcNow() < stored.Token.ExpiresAt - options.TokenRefreshSkew)
        {
            return Remember(key, stored, options);
        }

        if (string.IsNullOrEmpty(stored.Token.RefreshToken))
        {
            _cache.TryRemove(key, out _);
            throw LoginRequired(key.Storage, rejected ? "Nextcloud refused the access token and there is no refresh token." : "the access token expired and there is no refresh token.");
        }

        return await ClaimAndRefreshAsync(key, stored, options).ConfigureAwait(false);
    }

    /// <summary>
    /// Of several app instances that find the token expired at once, only the holder of the store's refresh claim
    /// sends the refresh request (Nextcloud rotates the refresh token, so a second request would be refused); the
    /// others poll the store for its write and use that token.
    /// </summary>
    private async Task<CacheEntry> ClaimAndRefreshAsync(TokenKey key, StoredStorageToken stored, NextcloudStorageOptions options)
    {
        var lease = options.TokenRequestTimeout + RefreshClaimMargin;
        while (true)
        {
            var claim = await _store.TryClaimRefreshAsync(key.Storage, key.User, stored.Version, lease, CancellationToken.None).ConfigureAwait(false);
            if (claim is not null)
            {
                await using (claim.ConfigureAwait(false))
                {
                    return await RefreshAsync(key, stored, options).ConfigureAwait(false);
                }
            }

            // Another instance holds the claim: wait for its write, or for its claim to end without one.
            await Task.Delay(ConflictPollInterval, _timeProvider).ConfigureAwait(false);
            var current = await _store.GetAsync(key.Storage, key.User, CancellationToken.None).ConfigureAwait(false);
            if (current is null)
            {
                _cache.TryRemove(key, out _);
                throw LoginRequired(key.Storage, "the Nextcloud account was disconnected while the token was being refreshed.");
            }

            if (current.Version == stored.Version)
            {
                continue;
            }

            if (_timeProvider.GetUtcNow() < current.Token.ExpiresAt - options.TokenRefreshSkew)
            {
                LogRotatedElsewhere(_logger, key.Storage, key.User);
                return Remember(key, current, options);
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

    private async Task<CacheEntry> RefreshAsync(TokenKey key, StoredStorageToken stored, NextcloudStorageOptions options)
    {
        try
        {
            var entry = await StorageTelemetry.TraceAsync("token_refresh", key.Storage, () => RefreshCoreAsync(key, stored, options)).ConfigureAwait(false);
            NextcloudTelemetry.Refreshed(key.Storage, "success", null);
            return entry;
        }
        catch (StorageException failure)
        {
            NextcloudTelemetry.Refreshed(key.Storage, "failure", failure.Code.Value);
            throw;
        }
    }

    private async Task<CacheEntry> RefreshCoreAsync(TokenKey key, StoredStorageToken stored, NextcloudStorageOptions options)
    {
        var result = await _endpoint.RefreshAsync(key.Storage, options, stored.Token.RefreshToken!, CancellationToken.None).ConfigureAwait(false);
        switch (result.Outcome)
        {
            case TokenEndpointOutcome.Success:
                return await StoreRefreshedAsync(key, stored, result, options).ConfigureAwait(false);

            case TokenEndpointOutcome.InvalidGrant:
                await LogOutAsync(key, stored).ConfigureAwait(false);
                throw LoginRequired(key.Storage, "Nextcloud refused the refresh token (invalid_grant).", result.HttpStatus, result.Error);

            case TokenEndpointOutcome.InvalidRequest:
                // Nextcloud answers invalid_request both for a dead refresh token and for the loser of a rotation race:
                // give another app instance the chance to store the token it just rotated before logging the user out.
                var winner = await WaitForRotationAsync(key, stored, options).ConfigureAwait(false);
                if (winner is not null)
                {
                    LogRotatedElsewhere(_logger, key.Storage, key.User);
                    return Remember(key, winner, options);
                }

                await LogOutAsync(key, stored).ConfigureAwait(false);
                throw LoginRequired(key.Storage, "Nextcloud refused the refresh token (invalid_request).", result.HttpStatus, result.Error);

            case TokenEndpointOutcome.Unavailable:
                _refreshUnavailable[key] = stored.Version;
                LogRefreshUnavailable(_logger, key.Storage, key.User, result.HttpStatus);
                throw new StorageException(
                    StorageErrorCode.Unavailable,
                    $"Nextcloud storage '{key.Storage}' could not be reached to refresh the access token.{result.BoundReason} The stored tokens are kept, try again later.",
                    result.HttpStatus,
                    innerException: result.Exception);

            case TokenEndpointOutcome.InvalidClient:
            case TokenEndpointOutcome.HtmlPage:
                _refreshUnavailable[key] = stored.Version;
                throw new StorageException(
                    StorageErrorCode.NotConfigured,
                    $"Nextcloud storage '{key.Storage}' does not accept the configured OAuth client; the stored tokens are kept. Check the client id and secret.",
                    result.HttpStatus,
                    result.Outcome == TokenEndpointOutcome.HtmlPage ? "HTML page instead of a token" : result.Error);

            case TokenEndpointOutcome.Redirected:
                _refreshUnavailable[key] = stored.Version;
                throw new StorageException(
                    StorageErrorCode.NotConfigured,
                    $"Nextcloud storage '{key.Storage}' redirected the token refresh; redirects are not followed, so that the client secret and tokens go nowhere else. The stored tokens are kept. Check the base address (https, host, sub-path).",
                    result.HttpStatus);

            default:
                if (result.RotatedRefreshToken is { } rotated)
                {
                    await KeepRotatedRefreshTokenAsync(key, stored, rotated, result.RequestedAt).ConfigureAwait(false);
                    throw new StorageException(
                        StorageErrorCode.InvalidResponse,
                        $"Nextcloud storage '{key.Storage}' answered the token refresh with an unusable token ({result.Problem}); its new refresh token is kept, so the next request refreshes again.",
                        result.HttpStatus,
                        result.Problem);
                }

                _refreshUnavailable[key] = stored.Version;
                throw new StorageException(
                    StorageErrorCode.InvalidResponse,
                    $"Nextcloud storage '{key.Storage}' answered the token refresh with something unexpected.{result.BoundReason} The stored tokens are kept.",
                    result.HttpStatus,
                    result.Error ?? result.Problem,
                    result.Exception);
        }
    }

    private async Task<CacheEntry> StoreRefreshedAsync(TokenKey key, StoredStorageToken stored, TokenEndpointResult result, NextcloudStorageOptions options)
    {
        var response = result.Token!;
        var token = new StorageToken
        {
            AccessToken = response.AccessToken!,
            RefreshToken = string.IsNullOrEmpty(response.RefreshToken) ? stored.Token.RefreshToken : response.RefreshToken,
            ExpiresAt = result.RequestedAt + ServerValues.TokenLifetime(response.ExpiresIn),
            StorageUserId = string.IsNullOrEmpty(response.UserId) ? stored.Token.StorageUserId : response.UserId,
        };
        var written = await _store.TryWriteAsync(key.Storage, key.User, token, stored.Version, CancellationToken.None).ConfigureAwait(false);
        if (written is not null)
        {
            _refreshUnavailable.TryRemove(key, out _);
            LogRefreshed(_logger, key.Storage, key.User);
            return Remember(key, written, options);
        }

        // Another writer came first (another instance's refresh, a reconnect or a disconnect): its token wins.
        var current = await _store.GetAsync(key.Storage, key.User, CancellationToken.None).ConfigureAwait(false);
        if (current is null)
        {
            _cache.TryRemove(key, out _);
            throw LoginRequired(key.Storage, "the Nextcloud account was disconnected while the token was being refreshed.");
        }

        LogRotatedElsewhere(_logger, key.Storage, key.User);
        return Remember(key, current, options);
    }

    /// <summary>
    /// Stores the refresh token of a refused answer with the old access token, marked expired: Nextcloud has
    /// already invalidated the refresh token we sent, so dropping this one would log the user out.
    /// </summary>
    private async Task KeepRotatedRefreshTokenAsync(TokenKey key, StoredStorageToken stored, string refreshToken, DateTimeOffset requestedAt)
    {
        var token = stored.Token with { RefreshToken = refreshToken, ExpiresAt = requestedAt };
        var written = await _store.TryWriteAsync(key.Storage, key.User, token, stored.Version, CancellationToken.None).ConfigureAwait(false);
        _cache.TryRemove(key, out _);
        LogRotatedRefreshTokenKept(_logger, key.Storage, key.User, written is not null);
    }

    private async Task<StoredStorageToken?> WaitForRotationAsync(TokenKey key, StoredStorageToken stored, NextcloudStorageOptions options)
    {
        var started = _timeProvider.GetTimestamp();
        while (true)
        {
            var current = await _store.GetAsync(key.Storage, key.User, CancellationToken.None).ConfigureAwait(false);
            if (current is null || current.Version != stored.Version)
            {
                return current;
            }

            var remaining = options.RefreshConflictGracePeriod - _timeProvider.GetElapsedTime(started);
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
        _refreshUnavailable.TryRemove(key, out _);
        LogRefreshRefused(_logger, key.Storage, key.User, removed);
    }

    private CacheEntry Remember(TokenKey key, StoredStorageToken stored, NextcloudStorageOptions options)
    {
        var now = _timeProvider.GetUtcNow();
        var refreshAt = stored.Token.ExpiresAt - options.TokenRefreshSkew;
        var rereadAt = options.TokenCacheDuration > TimeSpan.Zero ? now + options.TokenCacheDuration : now;
        var access = _cache.TryGetValue(key, out var previous) && previous.Version == stored.Version
            ? previous.Access
            : new StorageAccessToken { Value = stored.Token.AccessToken, StorageUserId = stored.Token.StorageUserId, ExpiresAt = stored.Token.ExpiresAt };
        var entry = new CacheEntry(stored.Version, access, refreshAt < rereadAt ? refreshAt : rereadAt);
        _cache[key] = entry;
        return entry;
    }

    [LoggerMessage(EventId = 4120, EventName = "NextcloudTokenRefreshed", Level = LogLevel.Debug, Message = "Refreshed the Nextcloud access token of user {HostUserId} for storage {StorageId}.")]
    private static partial void LogRefreshed(ILogger logger, StorageId storageId, [HostUserIdData] HostUserId hostUserId);

    [LoggerMessage(EventId = 4121, EventName = "NextcloudTokenRotatedElsewhere", Level = LogLevel.Information, Message = "Another writer refreshed the Nextcloud token of user {HostUserId} for storage {StorageId} first; using its token.")]
    private static partial void LogRotatedElsewhere(ILogger logger, StorageId storageId, [HostUserIdData] HostUserId hostUserId);

    [LoggerMessage(EventId = 4122, EventName = "NextcloudRefreshTokenRefused", Level = LogLevel.Warning, Message = "Nextcloud refused the refresh token of user {HostUserId} for storage {StorageId}; the user must log in again (stored token removed: {Removed}).")]
    private static partial void LogRefreshRefused(ILogger logger, StorageId storageId, [HostUserIdData] HostUserId hostUserId, bool removed);

    [LoggerMessage(EventId = 4123, EventName = "NextcloudRefreshUnavailable", Level = LogLevel.Warning, Message = "Nextcloud storage {StorageId} could not be reached to refresh the token of user {HostUserId} (HTTP {HttpStatus}); the stored tokens are kept.")]
    private static partial void LogRefreshUnavailable(ILogger logger, StorageId storageId, [HostUserIdData] HostUserId hostUserId, int? httpStatus);

    [LoggerMessage(EventId = 4124, EventName = "NextcloudRotatedRefreshTokenKept", Level = LogLevel.Warning, Message = "Nextcloud answered the token refresh of user {HostUserId} for storage {StorageId} with an unusable token; its new refresh token was kept (stored: {Stored}).")]
    private static partial void LogRotatedRefreshTokenKept(ILogger logger, StorageId storageId, [HostUserIdData] HostUserId hostUserId, bool stored);

    private readonly record struct TokenKey(StorageId Storage, HostUserId User);

    private sealed class CacheEntry(long version, StorageAccessToken access, DateTimeOffset usableUntil)
    {
        public long Version { get; } = version;

        public StorageAccessToken Access { get; } = access;

        public DateTimeOffset UsableUntil { get; } = usableUntil;
    }
}
