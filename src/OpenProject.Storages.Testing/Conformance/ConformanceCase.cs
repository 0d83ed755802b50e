namespace OpenProject.Storages.Testing;

/// <summary>
/// One scenario every provider must pass, run against a provider's <see cref="IFileStorageConformanceFixture"/>.
/// A case whose <see cref="RequiredCapabilities"/> the fixture lacks is to be reported as skipped with
/// <see cref="SkipReason"/>, never as passed.
/// </summary>
public sealed class ConformanceCase
{
    private readonly Func<IFileStorageConformanceFixture, StoragePath, CancellationToken, Task> _run;

    internal ConformanceCase(string name, StorageCapabilities requiredCapabilities, Func<IFileStorageConformanceFixture, StoragePath, CancellationToken, Task> run)
    {
        Name = name;
        RequiredCapabilities = requiredCapabilities;
        _run = run;
    }

    /// <summary>What the case proves, as a sentence; unique within <see cref="FileStorageConformance.Cases"/>.</summary>
    public string Name { get; }

    /// <summary>What the storage and fixture must be able to do for the case to run.</summary>
    public StorageCapabilities RequiredCapabilities { get; }

    /// <summary>Why the case cannot run against a fixture, or <see langword="null"/> when it can.</summary>
    /// <param name="fixture">The provider's fixture.</param>
    /// <returns>The reason to report the case as skipped, or <see langword="null"/>.</returns>
    public string? SkipReason(IFileStorageConformanceFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var missing = RequiredCapabilities & ~fixture.Capabilities;
        return missing == StorageCapabilities.None
            ? null
            : $"The fixture for {fixture.Storage.ProductName} does not declare {missing}, which '{Name}' needs.";
    }

    /// <summary>Runs the case in a fresh test folder.</summary>
    /// <param name="fixture">The provider's fixture.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>A task that completes when the case passed.</returns>
    /// <exception cref="ConformanceException">The storage broke the contract.</exception>
    /// <exception cref="InvalidOperationException">The case should have been skipped (see <see cref="SkipReason"/>).</exception>
    public async Task RunAsync(IFileStorageConformanceFixture fixture, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        if (SkipReason(fixture) is { } reason)
        {
            throw new InvalidOperationException($"Report this case as skipped instead of running it: {reason}");
        }

        var folder = await fixture.CreateTestFolderAsync(Name, cancellationToken).ConfigureAwait(false);
        await _run(fixture, folder, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
