namespace OpenProject.Storages.Testing;

/// <summary>
/// A failure (or a delay) that an <see cref="InMemoryFileStorage"/> applies to a request before it
/// touches any state, so a faulted write changes nothing. Inject it with <see cref="StorageFaults.Inject(StorageOperation, StorageFault, int)"/>.
/// </summary>
/// <remarks>Delays wait on the storage's <see cref="TimeProvider"/>: with a fake clock, advance it to release them.</remarks>
public sealed class StorageFault
{
    private StorageFault(StorageFaultKind kind, TimeSpan delay)
    {
        Kind = kind;
        Delay = delay;
    }

    /// <summary>What the fault does.</summary>
    public StorageFaultKind Kind { get; }

    /// <summary>How long the request waits before failing (<see cref="StorageFaultKind.Timeout"/>) or proceeding (<see cref="StorageFaultKind.Latency"/>).</summary>
    public TimeSpan Delay { get; }

    /// <summary>The storage refuses the user's credentials (HTTP 401): <see cref="StorageErrorCode.Unauthorized"/>.</summary>
    public static StorageFault Unauthorized { get; } = new(StorageFaultKind.Unauthorized, TimeSpan.Zero);

    /// <summary>The storage is down (HTTP 503): <see cref="StorageErrorCode.Unavailable"/>.</summary>
    public static StorageFault Unavailable { get; } = new(StorageFaultKind.Unavailable, TimeSpan.Zero);

    /// <summary>The storage does not answer in time, at once: <see cref="StorageErrorCode.Unavailable"/> with an inner <see cref="TimeoutException"/>.</summary>
    public static StorageFault Timeout { get; } = new(StorageFaultKind.Timeout, TimeSpan.Zero);

    /// <summary>The storage answers something unreadable: <see cref="StorageErrorCode.InvalidResponse"/>.</summary>
    public static StorageFault InvalidResponse { get; } = new(StorageFaultKind.InvalidResponse, TimeSpan.Zero);

    /// <summary>The storage does not answer in time, after waiting <paramref name="delay"/>.</summary>
    /// <param name="delay">How long the request hangs before it times out.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    public static StorageFault TimeoutAfter(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new(StorageFaultKind.Timeout, delay);
    }

    /// <summary>The storage answers normally, after waiting <paramref name="delay"/>.</summary>
    /// <param name="delay">The added latency.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    public static StorageFault Latency(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new(StorageFaultKind.Latency, delay);
    }

    /// <inheritdoc/>
    public override string ToString() => Delay == TimeSpan.Zero ? Kind.ToString() : $"{Kind} after {Delay}";
}
