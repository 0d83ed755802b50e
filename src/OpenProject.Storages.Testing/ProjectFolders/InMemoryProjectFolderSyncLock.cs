using OpenProject.Storages.ProjectFolders;

namespace OpenProject.Storages.Testing;

/// <summary>A <see cref="IProjectFolderSyncLock"/> for one process (and for tests): leases expire on the given clock.</summary>
public sealed class InMemoryProjectFolderSyncLock : IProjectFolderSyncLock
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (object Holder, DateTimeOffset Until)> _held = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>Creates the lock.</summary>
    /// <param name="timeProvider">The clock leases expire on; the system clock when <see langword="null"/>.</param>
    public InMemoryProjectFolderSyncLock(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

    /// <inheritdoc/>
    public Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_held.TryGetValue(name, out var current) && current.Until > now)
            {
                return Task.FromResult<IAsyncDisposable?>(null);
            }

            var holder = new object();
            _held[name] = (holder, now + lease);
            return Task.FromResult<IAsyncDisposable?>(new Release(this, name, holder));
        }
    }

    private void Free(string name, object holder)
    {
        lock (_gate)
        {
            // A lease that expired and was taken by another holder is not this holder's to free.
            if (_held.TryGetValue(name, out var current) && ReferenceEquals(current.Holder, holder))
            {
                _held.Remove(name);
            }
        }
    }

    private sealed class Release(InMemoryProjectFolderSyncLock owner, string name, object holder) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            owner.Free(name, holder);
            return ValueTask.CompletedTask;
        }
    }
}
