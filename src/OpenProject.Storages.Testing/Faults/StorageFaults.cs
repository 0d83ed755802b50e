namespace OpenProject.Storages.Testing;

/// <summary>
/// The faults an <see cref="InMemoryFileStorage"/> applies to its next requests, per operation. Faults
/// of one operation fire in the order they were injected.
/// </summary>
public sealed class StorageFaults
{
    private readonly Lock _gate = new();
    private readonly Dictionary<StorageOperation, List<Entry>> _pending = [];
    private readonly StorageId _storage;
    private readonly TimeProvider _time;

    internal StorageFaults(StorageId storage, TimeProvider time)
    {
        _storage = storage;
        _time = time;
    }

    /// <summary>Makes the next <paramref name="times"/> requests of an operation fail (or wait) with <paramref name="fault"/>.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="fault">The fault.</param>
    /// <param name="times">How many requests it applies to.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="times"/> is less than 1.</exception>
    public void Inject(StorageOperation operation, StorageFault fault, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        Add(operation, new Entry(fault, times));
    }

    /// <summary>Makes every request of an operation fail (or wait) with <paramref name="fault"/> until <see cref="Clear()"/>.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="fault">The fault.</param>
    public void InjectAlways(StorageOperation operation, StorageFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        Add(operation, new Entry(fault, Remaining: null));
    }

    /// <summary>Removes every pending fault.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _pending.Clear();
        }
    }

    /// <summary>Removes the pending faults of one operation.</summary>
    /// <param name="operation">The operation.</param>
    public void Clear(StorageOperation operation)
    {
        lock (_gate)
        {
            _pending.Remove(operation);
        }
    }

    /// <summary>Applies the next pending fault of an operation, if any: waits, then throws or returns.</summary>
    internal async Task ApplyAsync(StorageOperation operation, CancellationToken cancellationToken)
    {
        var fault = Take(operation);
        if (fault is null)
        {
            return;
        }

        if (fault.Delay > TimeSpan.Zero)
        {
            await Task.Delay(fault.Delay, _time, cancellationToken).ConfigureAwait(false);
        }

        switch (fault.Kind)
        {
            case StorageFaultKind.Unauthorized:
                throw new StorageException(StorageErrorCode.Unauthorized, $"The storage '{_storage}' refused the credentials for {operation} (injected fault). Log in to the storage again.", httpStatus: 401);
            case StorageFaultKind.Unavailable:
                throw new StorageException(StorageErrorCode.Unavailable, $"The storage '{_storage}' is unavailable for {operation} (injected fault). Try again later.", httpStatus: 503);
            case StorageFaultKind.Timeout:
                throw new StorageException(StorageErrorCode.Unavailable, $"The storage '{_storage}' did not answer {operation} in time (injected fault).", innerException: new TimeoutException($"{operation} timed out (injected fault)."));
            case StorageFaultKind.InvalidResponse:
                throw new StorageException(StorageErrorCode.InvalidResponse, $"The storage '{_storage}' answered {operation} with a response that cannot be read (injected fault).", httpStatus: 200);
            default:
                return;
        }
    }

    private void Add(StorageOperation operation, Entry entry)
    {
        lock (_gate)
        {
            if (!_pending.TryGetValue(operation, out var entries))
            {
                entries = [];
                _pending.Add(operation, entries);
            }

            entries.Add(entry);
        }
    }

    private StorageFault? Take(StorageOperation operation)
    {
        lock (_gate)
        {
            if (!_pending.TryGetValue(operation, out var entries) || entries.Count == 0)
            {
                return null;
            }

            var entry = entries[0];
            if (entry.Remaining is { } remaining)
            {
                if (remaining <= 1)
                {
                    entries.RemoveAt(0);
                }
                else
                {
                    entries[0] = entry with { Remaining = remaining - 1 };
                }
            }

            return entry.Fault;
        }
    }

    private readonly record struct Entry(StorageFault Fault, int? Remaining);
}
