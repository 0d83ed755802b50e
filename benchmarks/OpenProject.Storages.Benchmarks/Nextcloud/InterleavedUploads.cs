using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using OpenProject.Storages.Nextcloud;

namespace OpenProject.Storages.Benchmarks.Nextcloud;

/// <summary>
/// A check beside <see cref="TransferBenchmarks"/>, not a replacement: the same three 1 GiB uploads, taken
/// in turns (plain, non-seekable, seekable, then the reverse order) so that drift on a shared machine
/// falls on every row alike, with medians. BenchmarkDotNet runs one benchmark's iterations after another's,
/// and on a 2-core box a slow minute then lands on one row only.
/// </summary>
internal static class InterleavedUploads
{
    private const long Size = 1024L * 1024 * 1024;

    public static async Task RunAsync(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 8;
        var chunk = (args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 10) * 1024 * 1024;
        await using var server = await LoopbackNextcloud.StartAsync();
        var services = new ServiceCollection();
        services.AddNextcloudStorage("bench", options =>
        {
            options.BaseAddress = server.BaseAddress;
            options.TechnicalUserAppPassword = "bench";
            options.UploadChunkSize = chunk;
        });
        await using var provider = services.BuildServiceProvider();
        var storage = provider.GetRequiredKeyedService<NextcloudFileStorage>("bench");
        using var plain = new HttpClient { BaseAddress = server.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };

        (string Name, Func<Task> Upload)[] uploads =
        [
            ("plain HttpClient PUT", async () =>
            {
                using var content = new StreamContent(new GeneratedStream(Size), 81920);
                content.Headers.ContentLength = Size;
                using var response = await plain.PutAsync(new Uri("plain/big.bin", UriKind.Relative), content);
                response.EnsureSuccessStatusCode();
            }),
            ("provider, non-seekable", () => UploadAsync(storage, seekable: false)),
            ("provider, seekable", () => UploadAsync(storage, seekable: true)),
        ];

        var times = uploads.ToDictionary(upload => upload.Name, _ => new List<double>());
        foreach (var (_, upload) in uploads)
        {
            await upload();
        }

        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, upload) in round % 2 == 0 ? uploads : uploads.Reverse())
            {
                var watch = Stopwatch.StartNew();
                await upload();
                times[name].Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        var baseline = Median(times[uploads[0].Name]);
        Console.WriteLine($"1 GiB, {rounds} rounds, chunks of {chunk / 1048576} MiB");
        foreach (var (name, list) in times)
        {
            Console.WriteLine($"{name,-24} median {Median(list),6:F0} ms   min {list.Min(),6:F0} ms   throughput vs plain {baseline / Median(list):F2}");
        }
    }

    private static async Task UploadAsync(NextcloudFileStorage storage, bool seekable)
    {
        await using var content = new GeneratedStream(Size, seekable);
        await storage.UploadAsync(StorageActor.TechnicalUser, StoragePath.Root, "big.bin", content, NameConflictPolicy.Overwrite);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
