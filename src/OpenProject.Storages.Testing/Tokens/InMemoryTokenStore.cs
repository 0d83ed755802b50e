using System.Collections.Concurrent;

namespace OpenProject.Storages.Testing;

/// <summary>
/// An <see cref="IStorageTokenStore"/> in memory, with the same versioned writes a database
/// implementation must have: a write or remove naming a stale version changes nothing.
/// </summary>
public sealed class InMemoryTokenStore : IStorageTokenStore
{
    private readonly ConcurrentDictionary<(StorageId Storage, HostUserId User), StoredStorageToken> _tokens = new();
    private long _lastVersion;

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
}
