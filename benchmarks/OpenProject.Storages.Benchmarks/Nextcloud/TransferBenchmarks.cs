using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace OpenProject.Storages.Benchmarks.Nextcloud;

/// <summary>
/// Upload and download of a large file through the provider against a loopback Kestrel server, next to a
/// plain <see cref="HttpClient"/> stream copy of the same bytes. The upload source is a generated stream,
/// non-seekable (one PUT with <c>Transfer-Encoding: chunked</c>) and seekable (one PUT with <c>Content-Length</c>);
/// the server here costs nothing per request (see <see cref="UploadStrategyBenchmarks"/> for one that does). Allocated bytes are process-wide
/// (the in-process server's share is in both rows); the peak working set of each run is printed at the end
/// (<c>// peak working set</c>), measured from after set-up (Linux: VmHWM reset through /proc/self/clear_refs).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 9, invocationCount: 1)]
public class TransferBenchmarks : IAsyncDisposable
{
    private LoopbackStorages? _loopback;
    private long _baselineWorkingSet;

    [Params(64L * 1024 * 1024, 1024L * 1024 * 1024)]
    public long Size { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _loopback = await LoopbackStorages.StartAsync(server => server.DownloadSize = Size, ("bench", null));
        GC.Collect();
        ResetPeakWorkingSet();
        _baselineWorkingSet = Environment.WorkingSet;
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        var peak = PeakWorkingSet();
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

    [Benchmark(Description = "Upload: plain HttpClient PUT")]
    public async Task<long> PlainUpload()
    {
        using var content = new StreamContent(new GeneratedStream(Size), 81920);
        content.Headers.ContentLength = Size;
        using var response = await _loopback!.Plain.PutAsync(new Uri("plain/big.bin", UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
        return _loopback!.Server.LastUploadSize;
    }

    [Benchmark(Description = "Upload: NextcloudFileStorage.UploadAsync (one PUT, non-seekable: Transfer-Encoding: chunked)")]
    public async Task<long?> ProviderUpload()
    {
        await using var content = new GeneratedStream(Size);
        var item = await _loopback!.Storage("bench").UploadAsync(StorageActor.TechnicalUser, StoragePath.Root, "big.bin", content, NameConflictPolicy.Overwrite);
        return item.Size;
    }

    [Benchmark(Description = "Upload: NextcloudFileStorage.UploadAsync (one PUT, seekable: Content-Length)")]
    public async Task<long?> ProviderUploadSeekable()
    {
        await using var content = new GeneratedStream(Size, seekable: true);
        var item = await _loopback!.Storage("bench").UploadAsync(StorageActor.TechnicalUser, StoragePath.Root, "big.bin", content, NameConflictPolicy.Overwrite);
        return item.Size;
    }

    [Benchmark(Description = "Download: plain HttpClient GET")]
    public async Task<long> PlainDownload()
    {
        using var response = await _loopback!.Plain.GetAsync(new Uri("plain/big.bin", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        return await CountAsync(stream);
    }

    [Benchmark(Description = "Download: NextcloudFileStorage.OpenReadAsync")]
    public async Task<long> ProviderDownload()
    {
        await using var stream = await _loopback!.Storage("bench").OpenReadAsync(StorageActor.TechnicalUser, new FileId(LoopbackNextcloud.FileId));
        return await CountAsync(stream);
    }

    private static async Task<long> CountAsync(Stream stream)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        return total;
    }

    internal static void ResetPeakWorkingSet()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
            // Not Linux: the peak then covers set-up too.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    internal static long PeakWorkingSet()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null)
            {
                return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (IOException)
        {
        }

        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}
