using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using OpenProject.Storages.Nextcloud;

namespace OpenProject.Storages.Benchmarks.Nextcloud;

/// <summary>
/// Uploads against a loopback server that costs what Nextcloud on PHP costs (the model is in
/// docs/performance.md: 20 ms per request, 4 ms per MiB written, one write at a time): the SDK's single PUT
/// (known and unknown length) and its chunked upload v2 (4 chunks in flight, and 1), next to a plain
/// <see cref="HttpClient"/> PUT of the same generated stream. The peak working set is printed at the end.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class UploadStrategyBenchmarks : IAsyncDisposable
{
    private LoopbackStorages? _loopback;
    private long _baselineWorkingSet;

    [Params(64L * 1024 * 1024, 256L * 1024 * 1024)]
    public long Size { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _loopback = await LoopbackStorages.StartAsync(
            server =>
            {
                server.PerRequestCost = TimeSpan.FromMilliseconds(20);
                server.WriteCostPerMiB = TimeSpan.FromMilliseconds(4);
            },
            ("single", null),
            ("chunked", o => o.ForceChunkedUpload = true),
            ("chunked-1", o => { o.ForceChunkedUpload = true; o.UploadChunkConcurrency = 1; }));
        GC.Collect();
        TransferBenchmarks.ResetPeakWorkingSet();
        _baselineWorkingSet = Environment.WorkingSet;
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        var peak = TransferBenchmarks.PeakWorkingSet();
        Console.WriteLine($"// peak working set: {peak / 1048576.0:F1} MiB (after set-up: {_baselineWorkingSet / 1048576.0:F1} MiB, growth {(peak - _baselineWorkingSet) / 1048576.0:F1} MiB)");
        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_loopback is not null)
        {
            await _loopback.DisposeAsync();
            _loopback = null;
        }

        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "plain HttpClient PUT (Content-Length)")]
    public async Task<long> PlainPut()
    {
        using var content = new StreamContent(new GeneratedStream(Size), 81920);
        content.Headers.ContentLength = Size;
        using var response = await _loopback!.Plain.PutAsync(new Uri("plain/big.bin", UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
        return _loopback!.Server.LastUploadSize;
    }

    [Benchmark(Description = "SDK: one PUT, seekable (Content-Length)")]
    public Task<long?> SinglePutKnownLength() => UploadAsync(_loopback!.Storage("single"), seekable: true);

    [Benchmark(Description = "SDK: one PUT, non-seekable (Transfer-Encoding: chunked)")]
    public Task<long?> SinglePutUnknownLength() => UploadAsync(_loopback!.Storage("single"), seekable: false);

    [Benchmark(Description = "SDK: chunked v2, 10 MiB chunks, 4 in flight")]
    public Task<long?> ChunkedParallel() => UploadAsync(_loopback!.Storage("chunked"), seekable: false);

    [Benchmark(Description = "SDK: chunked v2, 10 MiB chunks, 1 in flight")]
    public Task<long?> ChunkedSequential() => UploadAsync(_loopback!.Storage("chunked-1"), seekable: false);

    private async Task<long?> UploadAsync(NextcloudFileStorage storage, bool seekable)
    {
        await using var content = new GeneratedStream(Size, seekable);
        var item = await storage.UploadAsync(StorageActor.TechnicalUser, StoragePath.Root, "big.bin", content, NameConflictPolicy.Overwrite);
        return item.Size;
    }
}
