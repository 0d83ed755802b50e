using System.Collections.Concurrent;

namespace OpenProject.Storages;

/// <summary>
/// The default <see cref="IStorageConnectStateStore"/>: pending attempts in this process's memory,
/// dropped a while after they expire. Fine for one app instance; attempts are lost on restart (the user
/// then simply connects again).
/// </summary>
public sealed class InMemoryConnectStateStore : IStorageConnectStateStore
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    // Expired attempts are kept this much longer so that a late callback reads "expired", not "unknown".
    private static readonly TimeSpan Retention = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, PendingStorageConnect> _pending = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private long _nextSweepTicks;

    /// <summary>Creates a store.</summary>
    /// <param name="timeProvider">The clock that decides when attempts are dropped.</param>
    public InMemoryConnectStateStore(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <summary>How many attempts are kept (pending, used or recently expired).</summary>
    public int Count => _pending.Count;

    /// <inheritdoc/>
    public Task AddAsync(PendingStorageConnect pending, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pending);
        cancellationToken.ThrowIfCancellationRequested();
        SweepIfDue();
        if (!_pending.TryAdd(pending.State, pending))
        {
            throw new InvalidOperationException("A connect attempt with the same state already exists.");
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<PendingStorageConnect?> TakeAsync(string state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        cancellationToken.ThrowIfCancellationRequested();
        while (_pending.TryGetValue(state, out var current))
        {
            if (current.Used || _pending.TryUpdate(state, current with { Used = true }, current))
            {
                return Task.FromResult<PendingStorageConnect?>(current);
            }
        }

        return Task.FromResult<PendingStorageConnect?>(null);
    }

    private void SweepIfDue()
    {
        var now = _timeProvider.GetUtcNow();
        var next = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks, next) != next)
        {
            return;
        }

        foreach (var (state, pending) in _pending)
        {
            if (pending.ExpiresAt + Retention <= now)
            {
                _pending.TryRemove(new KeyValuePair<string, PendingStorageConnect>(state, pending));
            }
        }
    }
}
