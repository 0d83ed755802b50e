using System.Collections.Concurrent;

namespace OpenProject.Storages.Testing;

/// <summary>
/// An <see cref="IStorageTokenStore"/> in memory, with the same versioned writes a database
/// implementation must have: a write or remove naming a stale version changes nothing, and one refresh claim
/// per version holds until its lease ends, so several providers sharing it act like app instances sharing a database.
/// </summary>
public sealed class InMemoryTokenStore : IStorageTokenStore
{
    private readonly ConcurrentDictionary<(StorageId Storage, HostUserId User), StoredStorageToken> _tokens = new();
    private readonly Dictionary<(StorageId Storage, HostUserId User), (long Version, DateTimeOffset Until)> _claims = [];
    private readonly Lock _claimGate = new();
    private readonly TimeProvider _time;
    private long _lastVersion;

    /// <summary>Creates an empty store.</summary>
    /// <param name="timeProvider">The clock refresh claims expire on; the system clock when <see langword="null"/>.</param>
    public InMemoryTokenStore(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

    /// <summary>How many writes succeeded (for tests that count refreshes).</summary>
    public int SuccessfulWrites => _successfulWrites;

    private int _successfulWrites;

    /// <inheritdoc/>
    public Task<StoredStorageToken?> GetAsync(StorageId storage, HostUserId user, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_tokens.TryGetValue((storage, user), out var stored) ? stored : null);
    }

    /// <inheritdoc/>
    public Task<StoredStorageToken?> TryWriteAsync(StorageId storage, HostUserId user, StorageToken token, long? expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        cancellationToken.ThrowIfCancellationRequested();
        var key = (storage, user);
        var next = new StoredStorageToken { Token = token, Version = Interlocked.Increment(ref _lastVersion) };
        bool written;
        if (expectedVersion is null)
        {
            written = _tokens.TryAdd(key, next);
        }
        else
        {
            written = _tokens.TryGetValue(key, out var current)
                && current.Version == expectedVersion
                && _tokens.TryUpdate(key, next, current);
        }

        if (written)
        {
            Interlocked.Increment(ref _successfulWrites);
        }

        return Task.FromResult(written ? next : null);
    }

    /// <inheritdoc/>
    public Task<bool> RemoveAsync(StorageId storage, HostUserId user, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = (storage, user);
        if (expectedVersion is null)
        {
            return Task.FromResult(_tokens.TryRemove(key, out _));
        }

        return Task.FromResult(_tokens.TryGetValue(key, out var current)
            && current.Version == expectedVersion
            && _tokens.TryRemove(new KeyValuePair<(StorageId, HostUserId), StoredStorageToken>(key, current)));
    }

    /// <inheritdoc/>
    public Task<IAsyncDisposable?> TryClaimRefreshAsync(StorageId storage, HostUserId user, long version, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = (storage, user);
        var now = _time.GetUtcNow();
        lock (_claimGate)
        {
            if (!_tokens.TryGetValue(key, out var current) || current.Version != version
                || (_claims.TryGetValue(key, out var claim) && claim.Version == version && claim.Until > now))
            {
                return Task.FromResult<IAsyncDisposable?>(null);
            }

            // Versions are never reused, so a claim on an older version is simply replaced.
            var held = (version, now + lease);
            _claims[key] = held;
            return Task.FromResult<IAsyncDisposable?>(new Claim(this, key, held));
        }
    }

    private void EndClaim((StorageId, HostUserId) key, (long Version, DateTimeOffset Until) held)
    {
        lock (_claimGate)
        {
            // A claim that expired and was taken again is not this holder's to end.
            if (_claims.TryGetValue(key, out var current) && current == held)
            {
                _claims.Remove(key);
            }
        }
    }

    private sealed class Claim(InMemoryTokenStore owner, (StorageId, HostUserId) key, (long Version, DateTimeOffset Until) held) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            owner.EndClaim(key, held);
            return ValueTask.CompletedTask;
        }
    }
}
