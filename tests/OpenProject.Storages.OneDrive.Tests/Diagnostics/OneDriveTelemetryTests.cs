using System.Diagnostics;
using OpenProject.Storages.OneDrive.Tests.Conformance;
using OpenProject.Storages.OneDrive.Tests.Files;
using OpenProject.Storages.Tests;

namespace OpenProject.Storages.OneDrive.Tests.Diagnostics;

/// <summary>
/// OneDrive reports uploads and downloads as Nextcloud does (<see cref="StorageTelemetry.TraceAsync{T}"/>,
/// <see cref="StorageTelemetry.RecordUploadChunk"/>, <see cref="StorageTelemetry.RecordTransfer"/>): one dashboard for both.
/// </summary>
public sealed class OneDriveTelemetryTests
{
    private const int Unit = OneDriveStorageOptions.UploadChunkUnit;
    private static readonly StorageActor Alice = StorageActor.ForUser(new HostUserId("1"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_upload_in_ranges_is_one_span_with_an_event_per_range_and_counts_its_chunks_and_bytes_both_ways()
    {
        using var fixture = new OneDriveConformanceFixture(options =>
        {
            options.SimpleUploadLimit = 1024;
            options.UploadChunkSize = Unit;
        });
        var folder = await fixture.ArrangeFolderAsync((await fixture.CreateTestFolderAsync("telemetry", Ct)).Combine("Board minutes"), Ct);
        var content = TransferTests.Pattern((2 * Unit) + 100);
        var storage = fixture.OneDrive.Id.Value;
        using var telemetry = new TelemetryCapture();

        var stored = await fixture.OneDrive.UploadAsync(Alice, folder.Location, "merger plan.bin", new MemoryStream(content), NameConflictPolicy.Fail, Ct);

        var upload = Assert.Single(telemetry.Spans, span => span.OperationName == "upload");
        Assert.Equal(storage, upload.GetTagItem(StorageTelemetry.StorageTag));
        Assert.Equal("success", upload.GetTagItem(StorageTelemetry.OutcomeTag));
        var chunks = upload.Events.Where(e => e.Name == "chunk").ToList();
        Assert.Equal([1, 2, 3], chunks.Select(e => (int)e.Tags.Single(t => t.Key == "openproject.chunk.number").Value!));
        Assert.Equal(content.Length, chunks.Sum(e => (int)e.Tags.Single(t => t.Key == "openproject.chunk.bytes").Value!));
        Assert.Equal(3, telemetry.Sum(StorageTelemetry.UploadChunksInstrument, (StorageTelemetry.StorageTag, storage)));
        Assert.Equal(content.Length, telemetry.Sum(StorageTelemetry.TransferredBytesInstrument, (StorageTelemetry.DirectionTag, "upload")));
        var written = telemetry.Spans.SelectMany(span => span.TagObjects.Select(t => t.Value?.ToString()).Concat(span.Events.SelectMany(e => e.Tags.Select(t => t.Value?.ToString())))).OfType<string>().ToList();
        Assert.DoesNotContain(written, text => text.Contains("merger", StringComparison.Ordinal) || text.Contains("Board", StringComparison.Ordinal));

        // The download counts what the caller read, when it disposes the stream.
        var download = await fixture.OneDrive.OpenReadAsync(Alice, stored.Id, Ct);
        var buffer = new byte[1000];
        await download.ReadExactlyAsync(buffer, Ct);
        await download.DisposeAsync();
        Assert.Equal(1000, telemetry.Sum(StorageTelemetry.TransferredBytesInstrument, (StorageTelemetry.DirectionTag, "download")));
    }

    [Fact]
    public async Task A_refused_upload_is_a_failed_span_with_the_error_code_and_no_bytes()
    {
        using var fixture = new OneDriveConformanceFixture();
        var folder = await fixture.ArrangeFolderAsync((await fixture.CreateTestFolderAsync("telemetry-conflict", Ct)).Combine("Docs"), Ct);
        await fixture.ArrangeFileAsync(folder.Location.Combine("a.txt"), "a"u8.ToArray(), Ct);
        using var telemetry = new TelemetryCapture();

        await Assert.ThrowsAsync<StorageException>(() => fixture.OneDrive.UploadAsync(Alice, folder.Location, "a.txt", new MemoryStream([2]), NameConflictPolicy.Fail, Ct));

        var upload = Assert.Single(telemetry.Spans, span => span.OperationName == "upload");
        Assert.Equal("failure", upload.GetTagItem(StorageTelemetry.OutcomeTag));
        Assert.Equal(StorageErrorCode.Conflict.Value, upload.GetTagItem(StorageTelemetry.ErrorTypeTag));
        Assert.Equal(ActivityStatusCode.Error, upload.Status);
        Assert.Equal(0, telemetry.Sum(StorageTelemetry.TransferredBytesInstrument));
    }

    [Fact]
    public void A_provider_cannot_record_a_direction_or_chunk_that_does_not_exist()
    {
        var storage = new StorageId("onedrive");

        Assert.Throws<ArgumentException>(() => StorageTelemetry.RecordTransfer(storage, "sideways", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => StorageTelemetry.RecordTransfer(storage, "upload", -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => StorageTelemetry.RecordUploadChunk(storage, 0, 1));
    }
}
