namespace OpenProject.Storages.Benchmarks.Loopback;

/// <summary>
/// The part of a loopback server's cost model every modelled server shares: what each request costs before it is
/// answered (<see cref="PerRequest"/>: start-up, authentication, routing) and how many requests are served at once
/// (<see cref="Workers"/>, 0 for no limit; the rest wait, like a pool of PHP workers). Per-unit costs (per id, per
/// MiB) stay with each server, which knows its units.
/// </summary>
internal sealed class RequestCosts : IDisposable
{
    private SemaphoreSlim? _workers;
    private int _workerCount;

    public TimeSpan PerRequest { get; set; }

    public int Workers
    {
        get => _workerCount;
        set
        {
            _workers?.Dispose();
            _workerCount = value;
            _workers = value > 0 ? new SemaphoreSlim(value, value) : null;
        }
    }

    /// <summary>Waits for a worker, pays the request's cost, then answers.</summary>
    public async Task ServeAsync(Func<Task> answer)
    {
        var workers = _workers;
        if (workers is not null)
        {
            await workers.WaitAsync();
        }

        try
        {
            await PayAsync(PerRequest);
            await answer();
        }
        finally
        {
            workers?.Release();
        }
    }

    /// <summary>Spends a modelled cost (nothing when it is zero).</summary>
    public static Task PayAsync(TimeSpan cost) => cost > TimeSpan.Zero ? Task.Delay(cost) : Task.CompletedTask;

    public void Dispose() => _workers?.Dispose();
}
