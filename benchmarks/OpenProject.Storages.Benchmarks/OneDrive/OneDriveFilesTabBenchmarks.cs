using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using OpenProject.Storages.OneDrive;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Benchmarks.OneDrive;

/// <summary>
/// The Files tab of a work package with 1,000 OneDrive links (<see cref="FileLinkService.ListFileLinksAsync(HostUserId, ContainerRef, CancellationToken)"/> with
/// the live status of every link) against a loopback Graph that takes <see cref="RequestCost"/> per HTTP request and
/// <see cref="BatchItemCost"/> per request inside a <c>$batch</c>: 50 batches of 20, one at a time or
/// <see cref="OneDriveStorageOptions.MaxBatchConcurrency"/> in flight.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class OneDriveFilesTabBenchmarks : IAsyncDisposable
{
    /// <summary>Graph's cost per HTTP request in the model (docs/performance.md says where it comes from).</summary>
    internal static readonly TimeSpan RequestCost = TimeSpan.FromMilliseconds(100);

    /// <summary>What each request inside a <c>$batch</c> adds.</summary>
    internal static readonly TimeSpan BatchItemCost = TimeSpan.FromMilliseconds(5);

    private static readonly HostUserId User = new("alice");
    private static readonly ContainerRef WorkPackage = ContainerRef.WorkPackage("1");
    private OneDriveBench? _bench;
    private FileLinkService _service = null!;

    [Params(1, 4)]
    public int BatchesInFlight { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _bench = await StartAsync(BatchesInFlight);
        var storage = _bench.Storage;
        var authorization = new InMemoryFileLinkAuthorization();
        authorization.AllowEverything(User);
        _service = new FileLinkService(new FileStorageCatalog([storage]), new InMemoryFileLinkRepository(), authorization, new DefaultStorageProblemDescriber());
        var ids = Enumerable.Range(1, 1_000).Select(i => new FileId("01AZJL5P" + i.ToString("D26", CultureInfo.InvariantCulture))).ToArray();
        await _service.LinkFilesAsync(User, WorkPackage, storage.Id, ids);
    }

    /// <summary>Starts the modelled Graph and a OneDrive storage on it for a user with a fixed token.</summary>
    internal static async Task<OneDriveBench> StartAsync(int batchesInFlight)
    {
        var graph = await LoopbackGraph.StartAsync();
        graph.Costs.PerRequest = RequestCost;
        graph.BatchItemCost = BatchItemCost;
        var services = new ServiceCollection();
        services.AddSingleton<IStorageAccessTokenProvider, FixedToken>();
        services.AddOneDriveStorage("onedrive", options =>
        {
            options.GraphBaseAddress = graph.GraphBaseAddress;
            options.DriveId = LoopbackGraph.DriveId;
            options.MaxBatchConcurrency = batchesInFlight;
        });
        return new OneDriveBench(graph, services.BuildServiceProvider());
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_bench is not null)
        {
            await _bench.DisposeAsync();
            _bench = null;
        }

        GC.SuppressFinalize(this);
    }

    [Benchmark(Description = "Files tab, 1,000 OneDrive links ($batch of 20)")]
    public async Task<int> FilesTab() => (await _service.ListFileLinksAsync(User, WorkPackage)).Storages[0].Links.Count;

    /// <summary>A token provider for the one benchmark user; tokens are not what is measured.</summary>
    private sealed class FixedToken : IStorageAccessTokenProvider
    {
        public ValueTask<StorageAccessToken> GetAccessTokenAsync(StorageId storage, HostUserId user, string? rejectedAccessToken = null, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new StorageAccessToken { Value = "bench", StorageUserId = user.Value, ExpiresAt = DateTimeOffset.MaxValue });
    }
}

/// <summary>One file info read as OpenProject reads each link (one GET per file, in sequence) against the same model.</summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class OneDriveSingleFileInfoBenchmark : IAsyncDisposable
{
    private OneDriveBench? _bench;

    [GlobalSetup]
    public async Task SetupAsync() => _bench = await OneDriveFilesTabBenchmarks.StartAsync(1);

    [GlobalCleanup]
    public async Task CleanupAsync() => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_bench is not null)
        {
            await _bench.DisposeAsync();
            _bench = null;
        }

        GC.SuppressFinalize(this);
    }

    [Benchmark(Description = "GetFileInfoAsync, one OneDrive item")]
    public async Task<long?> SingleFileInfo() =>
        (await _bench!.Storage.GetFileInfoAsync(StorageActor.ForUser(new HostUserId("alice")), new FileId("01AZJL5P00000000000000000000000001"))).Size;
}

/// <summary>The modelled Graph and a OneDrive storage on it; disposing stops both.</summary>
internal sealed class OneDriveBench(LoopbackGraph graph, ServiceProvider services) : IAsyncDisposable
{
    public OneDriveFileStorage Storage { get; } = services.GetRequiredKeyedService<OneDriveFileStorage>("onedrive");

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await graph.DisposeAsync();
    }
}
