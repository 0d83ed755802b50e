using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using OpenProject.Storages.Nextcloud;

namespace OpenProject.Storages.Benchmarks.Nextcloud;

/// <summary>
/// The Files tab's file infos for 1,000 ids against a loopback server that takes time like Nextcloud on PHP
/// (90 ms per request plus 1 ms per id, at most 4 requests served at once): the curve of
/// <see cref="NextcloudStorageOptions.FilesInfoBatchSize"/> × <see cref="NextcloudStorageOptions.FilesInfoMaxConcurrency"/>,
/// one bulk request of all 1,000 ids (batch 1,000) as the reference, and one single <c>fileinfo</c> call (a
/// thousand of them, one after the other, take a thousand times as long).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class FilesInfoBatchingBenchmarks : IAsyncDisposable
{
    private const int Ids = 1_000;
    private LoopbackStorages? _loopback;
    private FileId[] _ids = [];

    /// <summary>Batch size × requests in flight; 1,000 × 1 is one bulk request, the reference.</summary>
    public static IEnumerable<Batching> Settings =>
    [
        new(1000, 1), new(100, 2), new(50, 4), new(100, 4), new(250, 4), new(50, 8), new(100, 8), new(125, 8),
    ];

    [ParamsSource(nameof(Settings))]
    public Batching Setting { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _loopback = await LoopbackStorages.StartAsync(ModelPhp, ("bench", options =>
        {
            options.FilesInfoBatchSize = Setting.BatchSize;
            options.FilesInfoMaxConcurrency = Setting.Concurrency;
        }));
        _ids = Enumerable.Range(1, Ids).Select(i => new FileId(i.ToString(CultureInfo.InvariantCulture))).ToArray();
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_loopback is not null)
        {
            await _loopback.DisposeAsync();
            _loopback = null;
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>The cost model of docs/performance.md: 90 ms per request, 1 ms per id, 4 PHP workers.</summary>
    internal static void ModelPhp(LoopbackNextcloud server)
    {
        server.FilesInfoRequestCost = TimeSpan.FromMilliseconds(90);
        server.FilesInfoIdCost = TimeSpan.FromMilliseconds(1);
        server.Workers = 4;
    }

    [Benchmark(Description = "GetFileInfosAsync, 1,000 ids")]
    public async Task<int> FilesInfo() => (await _loopback!.Storage("bench").GetFileInfosAsync(StorageActor.TechnicalUser, _ids)).Count;
}

/// <summary>A batching setting, named for the results table.</summary>
/// <param name="BatchSize">Ids per <c>filesinfo</c> request.</param>
/// <param name="Concurrency">Requests in flight.</param>
public readonly record struct Batching(int BatchSize, int Concurrency)
{
    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{BatchSize} ids x {Concurrency}");
}

/// <summary>One single <c>fileinfo</c> call against the same modelled server: the Files tab without batching pays this per link.</summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class SingleFileInfoBenchmark : IAsyncDisposable
{
    private LoopbackStorages? _loopback;

    [GlobalSetup]
    public async Task SetupAsync() => _loopback = await LoopbackStorages.StartAsync(FilesInfoBatchingBenchmarks.ModelPhp, ("bench", null));

    [GlobalCleanup]
    public async Task CleanupAsync() => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_loopback is not null)
        {
            await _loopback.DisposeAsync();
            _loopback = null;
        }

        GC.SuppressFinalize(this);
    }

    [Benchmark(Description = "GetFileInfoAsync, one id")]
    public async Task<long?> SingleFileInfo() => (await _loopback!.Storage("bench").GetFileInfoAsync(StorageActor.TechnicalUser, new FileId(LoopbackNextcloud.FileId))).Size;
}
