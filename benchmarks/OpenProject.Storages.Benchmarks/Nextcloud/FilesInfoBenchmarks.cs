using System.Globalization;
using System.Net;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using OpenProject.Storages.Nextcloud;

namespace OpenProject.Storages.Benchmarks.Nextcloud;

/// <summary>
/// Files info for 1,000 ids through the whole provider (batching, HTTP pipeline, OCS JSON) against an
/// in-memory handler with prepared answers. Allocated bytes are per id (OperationsPerInvoke = 1,000);
/// the number of HTTP requests per call is printed at the end.
/// </summary>
[MemoryDiagnoser]
public class FilesInfoBenchmarks : IDisposable
{
    private const int Ids = 1_000;
    private ServiceProvider? _services;
    private NextcloudFileStorage? _storage;
    private FileId[] _ids = [];
    private CountingHandler? _handler;
    private int _invocations;

    [GlobalSetup]
    public void Setup()
    {
        _handler = new CountingHandler();
        var services = new ServiceCollection();
        var builder = services.AddNextcloudStorage("bench", options =>
        {
            options.BaseAddress = new Uri("https://cloud.example.com/");
            options.TechnicalUserAppPassword = "bench";
        });
        builder.HttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => _handler).SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        _services = services.BuildServiceProvider();
        _storage = _services.GetRequiredKeyedService<NextcloudFileStorage>("bench");
        _ids = Enumerable.Range(1, Ids).Select(i => new FileId(i.ToString(CultureInfo.InvariantCulture))).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// filesinfo: {(double)_handler!.Requests / Math.Max(1, _invocations):F1} HTTP requests per call of {Ids} ids");
        Dispose();
    }

    public void Dispose()
    {
        _services?.Dispose();
        _services = null;
        _handler?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(OperationsPerInvoke = Ids, Description = "GetFileInfosAsync, 1,000 ids (per id)")]
    public async Task<int> FilesInfo()
    {
        _invocations++;
        var results = await _storage!.GetFileInfosAsync(StorageActor.TechnicalUser, _ids);
        return results.Count;
    }

    private sealed class CountingHandler : HttpMessageHandler
    {
        private readonly Dictionary<string, byte[]> _answers = new(StringComparer.Ordinal);

        public int Requests;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Requests);
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            byte[] answer;
            lock (_answers)
            {
                if (!_answers.TryGetValue(body, out answer!))
                {
                    answer = FilesInfoAnswer.For(body);
                    _answers[body] = answer;
                }
            }

            var content = new ByteArrayContent(answer);
            content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
        }
    }
}
