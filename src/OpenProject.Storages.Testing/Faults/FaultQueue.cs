namespace OpenProject.Storages.Testing;

/// <summary>
/// The pending faults of one fake, per operation, in the order they were injected; shared by
/// <see cref="StorageFaults"/> and <see cref="ProjectFolderFaults"/>.
/// </summary>
internal sealed class FaultQueue<TOperation>(string storageName, TimeProvider time)
    where TOperation : struct, Enum
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TOperation, List<Entry>> _pending = [];

    public void Add(TOperation operation, StorageFault? fault, StorageException? error, int? times)
    {
        lock (_gate)
        {
            if (!_pending.TryGetValue(operation, out var entries))
            {
                entries = [];
                _pending.Add(operation, entries);
            }

            entries.Add(new Entry(fault, error, times));
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _pending.Clear();
        }
    }

    public void Clear(TOperation operation)
    {
        lock (_gate)
        {
            _pending.Remove(operation);
        }
    }

    /// <summary>Applies the next pending fault of an operation, if any: waits, then throws or returns.</summary>
    public async Task ApplyAsync(TOperation operation, CancellationToken cancellationToken)
    {
        if (Take(operation) is not { } entry)
        {
            return;
        }

        if (entry.Error is { } error)
        {
            throw error;
        }

        var fault = entry.Fault!;
        if (fault.Delay > TimeSpan.Zero)
        {
            await Task.Delay(fault.Delay, time, cancellationToken).ConfigureAwait(false);
        }

        StorageException? failure = fault.Kind switch
        {
            StorageFaultKind.Unauthorized => new(StorageErrorCode.Unauthorized, $"The storage '{storageName}' refused the credentials for {operation} (injected fault). Log in to the storage again.", httpStatus: 401),
            StorageFaultKind.Unavailable => new(StorageErrorCode.Unavailable, $"The storage '{storageName}' is unavailable for {operation} (injected fault). Try again later.", httpStatus: 503),
            StorageFaultKind.Timeout => new(StorageErrorCode.Unavailable, $"The storage '{storageName}' did not answer {operation} in time (injected fault).", innerException: new TimeoutException($"{operation} timed out (injected fault).")),
            StorageFaultKind.InvalidResponse => new(StorageErrorCode.InvalidResponse, $"The storage '{storageName}' answered {operation} with a response that cannot be read (injected fault).", httpStatus: 200),
            _ => null,
        };
        if (failure is not null)
        {
            throw failure;
        }
    }

    private Entry? Take(TOperation operation)
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
