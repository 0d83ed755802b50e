namespace OpenProject.Storages.Testing;

/// <summary>
/// The faults an <see cref="InMemoryProjectFolderStorage"/> applies to its next requests, per
/// operation, before the request touches any state. Faults of one operation fire in the order they
/// were injected.
/// </summary>
public sealed class ProjectFolderFaults
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ProjectFolderOperation, List<Entry>> _pending = [];
    private readonly TimeProvider _time;

    internal ProjectFolderFaults(TimeProvider time) => _time = time;

    /// <summary>Makes the next <paramref name="times"/> requests of an operation fail (or wait) with <paramref name="fault"/>.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="fault">The fault.</param>
    /// <param name="times">How many requests it applies to.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="times"/> is less than 1.</exception>
    public void Inject(ProjectFolderOperation operation, StorageFault fault, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        Add(operation, new Entry(fault, null, times));
    }

    /// <summary>Makes the next <paramref name="times"/> requests of an operation throw <paramref name="error"/>, for any error code a real storage may answer.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="error">The error to throw.</param>
    /// <param name="times">How many requests it applies to.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="times"/> is less than 1.</exception>
    public void Inject(ProjectFolderOperation operation, StorageException error, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        Add(operation, new Entry(null, error, times));
    }

    /// <summary>Makes every request of an operation fail (or wait) with <paramref name="fault"/> until <see cref="Clear()"/>.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="fault">The fault.</param>
    public void InjectAlways(ProjectFolderOperation operation, StorageFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        Add(operation, new Entry(fault, null, Remaining: null));
    }

    /// <summary>Removes every pending fault.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _pending.Clear();
        }
    }

    internal async Task ApplyAsync(ProjectFolderOperation operation, CancellationToken cancellationToken)
    {
        var entry = Take(operation);
        if (entry is null)
        {
            return;
        }

        if (entry.Value.Error is { } error)
        {
            throw error;
        }

        var fault = entry.Value.Fault!;
        if (fault.Delay > TimeSpan.Zero)
        {
            await Task.Delay(fault.Delay, _time, cancellationToken).ConfigureAwait(false);
        }

        switch (fault.Kind)
        {
            case StorageFaultKind.Unauthorized:
                throw new StorageException(StorageErrorCode.Unauthorized, $"The storage refused the technical user's credentials for {operation} (injected fault).", httpStatus: 401);
            case StorageFaultKind.Unavailable:
                throw new StorageException(StorageErrorCode.Unavailable, $"The storage is unavailable for {operation} (injected fault).", httpStatus: 503);
            case StorageFaultKind.Timeout:
                throw new StorageException(StorageErrorCode.Unavailable, $"The storage did not answer {operation} in time (injected fault).", innerException: new TimeoutException($"{operation} timed out (injected fault)."));
            case StorageFaultKind.InvalidResponse:
                throw new StorageException(StorageErrorCode.InvalidResponse, $"The storage answered {operation} with a response that cannot be read (injected fault).", httpStatus: 200);
            default:
                return;
        }
    }

    private void Add(ProjectFolderOperation operation, Entry entry)
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

    private Entry? Take(ProjectFolderOperation operation)
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

            return entry;
        }
    }

    private readonly record struct Entry(StorageFault? Fault, StorageException? Error, int? Remaining);
}
