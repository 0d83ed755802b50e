namespace OpenProject.Storages.Testing;

/// <summary>One scenario every <see cref="IFileLinkRepository"/> or <see cref="IStorageTokenStore"/> must pass.</summary>
public sealed class StoreConformanceCase
{
    private readonly Func<IStoreConformanceFixture, CancellationToken, Task> _run;

    internal StoreConformanceCase(string name, Func<IStoreConformanceFixture, CancellationToken, Task> run)
    {
        Name = name;
        _run = run;
    }

    /// <summary>What the case proves, as a sentence; unique within <see cref="StoreConformance.Cases"/>.</summary>
    public string Name { get; }

    /// <summary>Runs the case against fresh, empty stores.</summary>
    /// <param name="fixture">The stores, empty.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>A task that completes when the case passed.</returns>
    /// <exception cref="ConformanceException">A store broke the contract.</exception>
    public Task RunAsync(IStoreConformanceFixture fixture, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        return _run(fixture, cancellationToken);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
