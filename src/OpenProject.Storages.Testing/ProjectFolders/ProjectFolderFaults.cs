namespace OpenProject.Storages.Testing;

/// <summary>
/// The faults an <see cref="InMemoryProjectFolderStorage"/> applies to its next requests, per
/// operation, before the request touches any state. Faults of one operation fire in the order they
/// were injected.
/// </summary>
public sealed class ProjectFolderFaults
{
    private readonly FaultQueue<ProjectFolderOperation> _queue;

    internal ProjectFolderFaults(string storageName, TimeProvider time) => _queue = new(storageName, time);

    /// <summary>Makes the next <paramref name="times"/> requests of an operation fail (or wait) with <paramref name="fault"/>.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="fault">The fault.</param>
    /// <param name="times">How many requests it applies to.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="times"/> is less than 1.</exception>
    public void Inject(ProjectFolderOperation operation, StorageFault fault, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        _queue.Add(operation, fault, null, times);
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
        _queue.Add(operation, null, error, times);
    }

    /// <summary>Makes every request of an operation fail (or wait) with <paramref name="fault"/> until <see cref="Clear()"/>.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="fault">The fault.</param>
    public void InjectAlways(ProjectFolderOperation operation, StorageFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        _queue.Add(operation, fault, null, times: null);
    }

    /// <summary>Removes every pending fault.</summary>
    public void Clear() => _queue.Clear();

    /// <summary>Applies the next pending fault of an operation, if any, before the request touches any state.</summary>
    internal Task ApplyAsync(ProjectFolderOperation operation, CancellationToken cancellationToken) => _queue.ApplyAsync(operation, cancellationToken);
}
