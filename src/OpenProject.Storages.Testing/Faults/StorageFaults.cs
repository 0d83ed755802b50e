namespace OpenProject.Storages.Testing;

/// <summary>
/// The faults an <see cref="InMemoryFileStorage"/> applies to its next requests, per operation. Faults
/// of one operation fire in the order they were injected.
/// </summary>
public sealed class StorageFaults
{
    private readonly FaultQueue<StorageOperation> _queue;

    internal StorageFaults(StorageId storage, TimeProvider time) => _queue = new(storage.Value, time);

    /// <summary>Makes the next <paramref name="times"/> requests of an operation fail (or wait) with <paramref name="fault"/>.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="fault">The fault.</param>
    /// <param name="times">How many requests it applies to.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="times"/> is less than 1.</exception>
    public void Inject(StorageOperation operation, StorageFault fault, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        _queue.Add(operation, fault, null, times);
    }

    /// <summary>Makes the next <paramref name="times"/> requests of an operation throw <paramref name="error"/>, for any error code a real storage may answer (Locked, InsufficientStorage, ...).</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="error">The error to throw.</param>
    /// <param name="times">How many requests it applies to.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="times"/> is less than 1.</exception>
    public void Inject(StorageOperation operation, StorageException error, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        _queue.Add(operation, null, error, times);
    }

    /// <summary>Makes every request of an operation fail (or wait) with <paramref name="fault"/> until <see cref="Clear()"/>.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="fault">The fault.</param>
    public void InjectAlways(StorageOperation operation, StorageFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        _queue.Add(operation, fault, null, times: null);
    }

    /// <summary>Removes every pending fault.</summary>
    public void Clear() => _queue.Clear();

    /// <summary>Removes the pending faults of one operation.</summary>
    /// <param name="operation">The operation.</param>
    public void Clear(StorageOperation operation) => _queue.Clear(operation);

    /// <summary>Applies the next pending fault of an operation, if any: waits, then throws or returns.</summary>
    internal Task ApplyAsync(StorageOperation operation, CancellationToken cancellationToken) => _queue.ApplyAsync(operation, cancellationToken);
}
