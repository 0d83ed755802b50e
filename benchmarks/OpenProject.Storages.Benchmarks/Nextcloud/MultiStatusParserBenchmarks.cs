using System.Xml;
using BenchmarkDotNet.Attributes;
using OpenProject.Storages.Nextcloud.WebDav;

namespace OpenProject.Storages.Benchmarks.Nextcloud;

/// <summary>
/// Parsing a PROPFIND 207 body: the provider's streaming parser versus an XDocument-based parser,
/// with a bare XmlReader read-through of the same bytes as the floor, hardened (no DTD, no resolver),
/// asynchronous as a network body needs and, as the lowest floor, synchronous.
/// </summary>
[MemoryDiagnoser]
public class MultiStatusParserBenchmarks
{
    private byte[] _body = [];

    [Params(10, 1_000, 10_000, 50_000)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup() => _body = MultiStatusBodies.Create(Entries);

    [Benchmark(Baseline = true, Description = "XmlReader read-through (floor)")]
    public async Task<int> ReadThrough()
    {
        using var reader = XmlReader.Create(new MemoryStream(_body, writable: false), Settings(async: true));
        var nodes = 0;
        while (await reader.ReadAsync())
        {
            nodes++;
        }

        return nodes;
    }

    [Benchmark(Description = "XmlReader synchronous read-through")]
    public int SynchronousReadThrough()
    {
        using var reader = XmlReader.Create(new MemoryStream(_body, writable: false), Settings(async: false));
        var nodes = 0;
        while (reader.Read())
        {
            nodes++;
        }

        return nodes;
    }

    [Benchmark(Description = "MultiStatusParser (ours)")]
    public async Task<int> Ours()
    {
        var count = 0;
        await foreach (var resource in MultiStatusParser.ParseAsync(new MemoryStream(_body, writable: false)))
        {
            count += resource.FileId is null ? 0 : 1;
        }

        return count;
    }

    [Benchmark(Description = "XDocument parser")]
    public int XDocument() => XDocumentMultiStatusParser.Parse(new MemoryStream(_body, writable: false)).Count;

    private static XmlReaderSettings Settings(bool async) => new()
    {
        Async = async,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
    };
}
