using System.Diagnostics;
using OpenProject.Storages.Nextcloud.Tests.Conformance;
using OpenProject.Storages.Tests;

namespace OpenProject.Storages.Nextcloud.Tests.Diagnostics;

/// <summary>An upload is a span with an event per chunk; chunks and bytes are counted both ways; nothing names the file.</summary>
public sealed class NextcloudTelemetryTests : IDisposable
{
    private const int MiB = 1024 * 1024;
    private readonly NextcloudConformanceFixture _nextcloud = new(o => { o.ForceChunkedUpload = true; o.UploadChunkSize = MiB; o.UploadChunkConcurrency = 2; });
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private NextcloudFileStorage Storage => (NextcloudFileStorage)_nextcloud.Storage;

    public void Dispose() => _nextcloud.Dispose();

    [Fact]
    public async Task A_chunked_upload_is_one_span_with_an_event_per_chunk_and_counts_its_chunks_and_bytes()
    {
        var folder = _nextcloud.Server.AddFolder(StoragePath.Parse("/Board minutes"));
        var content = new byte[(5 * MiB) / 2];
        using var telemetry = new TelemetryCapture();

        var stored = await Storage.UploadAsync(_nextcloud.PrivilegedActor, folder.Path, "merger plan.pdf", new MemoryStream(content), cancellationToken: _ct);

        var upload = Assert.Single(telemetry.Spans, span => span.OperationName == "upload");
        Assert.Equal("nc", upload.GetTagItem(StorageTelemetry.StorageTag));
        Assert.Equal("success", upload.GetTagItem(StorageTelemetry.OutcomeTag));
        var chunks = upload.Events.Where(e => e.Name == "chunk").ToList();
        Assert.Equal([1, 2, 3], chunks.Select(e => (int)e.Tags.Single(t => t.Key == "openproject.chunk.number").Value!).Order());
        Assert.Equal(content.Length, chunks.Sum(e => (int)e.Tags.Single(t => t.Key == "openproject.chunk.bytes").Value!));
        Assert.Equal(3, telemetry.Sum(StorageTelemetry.UploadChunksInstrument, (StorageTelemetry.StorageTag, "nc")));
        Assert.Equal(content.Length, telemetry.Sum(StorageTelemetry.TransferredBytesInstrument, (StorageTelemetry.DirectionTag, "upload")));
        Assert.Equal(1, telemetry.Measurements.Count(m => m.Instrument == StorageTelemetry.OperationDurationInstrument && Equals(m.Tags[StorageTelemetry.OperationTag], "upload")));
        AssertNamesNothing(telemetry, "merger", "Board");

        // The download counts what the caller read, when it disposes the stream.
        var download = await Storage.OpenReadAsync(_nextcloud.PrivilegedActor, stored.Id, _ct);
        await download.CopyToAsync(Stream.Null, _ct);
        await download.DisposeAsync();
        Assert.Equal(content.Length, telemetry.Sum(StorageTelemetry.TransferredBytesInstrument, (StorageTelemetry.DirectionTag, "download")));
    }

    [Fact]
    public async Task A_failed_upload_is_a_failed_span_with_the_error_code()
    {
        _nextcloud.Server.AddFolder(StoragePath.Parse("/Docs"));
        _nextcloud.Server.AddFile(StoragePath.Parse("/Docs/a.txt"), [1]);
        using var telemetry = new TelemetryCapture();

        await Assert.ThrowsAsync<StorageException>(() => Storage.UploadAsync(_nextcloud.PrivilegedActor, StoragePath.Parse("/Docs"), "a.txt", new MemoryStream([2]), NameConflictPolicy.Fail, _ct));

        var upload = Assert.Single(telemetry.Spans, span => span.OperationName == "upload");
        Assert.Equal("failure", upload.GetTagItem(StorageTelemetry.OutcomeTag));
        Assert.Equal(StorageErrorCode.Conflict.Value, upload.GetTagItem(StorageTelemetry.ErrorTypeTag));
        Assert.Equal(ActivityStatusCode.Error, upload.Status);
        Assert.Equal(0, telemetry.Sum(StorageTelemetry.TransferredBytesInstrument));
    }

    private static void AssertNamesNothing(TelemetryCapture telemetry, params string[] secrets)
    {
        var written = telemetry.Spans.SelectMany(span => span.TagObjects.Select(t => t.Value?.ToString())
            .Concat(span.Events.SelectMany(e => e.Tags.Select(t => t.Value?.ToString())))
            .Append(span.StatusDescription));
        foreach (var text in written.OfType<string>())
        {
            Assert.All(secrets, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        }
    }
}
