using System.Text.Json;
using OpenProject.Storages.OneDrive.Tests.Conformance;
using OpenProject.Storages.OneDrive.Tests.StandIn;

namespace OpenProject.Storages.OneDrive.Tests.Files;

/// <summary>Downloads, uploads (single PUT and upload sessions in ranges) and folder management as they go over Graph.</summary>
public sealed class TransferTests
{
    private const int Unit = OneDriveStorageOptions.UploadChunkUnit;
    private static readonly StorageActor Alice = StorageActor.ForUser(new HostUserId("1"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_small_file_goes_up_in_one_PUT_that_refuses_an_existing_name()
    {
        using var fixture = new OneDriveConformanceFixture();
        var folder = await fixture.CreateTestFolderAsync("small", Ct);
        fixture.Server.Writes.Clear();

        var item = await fixture.OneDrive.UploadAsync(Alice, folder, "hello world.txt", new MemoryStream("hello"u8.ToArray()), NameConflictPolicy.Fail, Ct);

        var write = Assert.Single(fixture.Server.Writes);
        Assert.Equal("PUT", write.Method);
        Assert.EndsWith(":/hello%20world.txt:/content", write.Path, StringComparison.Ordinal);
        Assert.Equal(5, item.Size);
        Assert.Equal(0, fixture.Server.OpenUploadSessions);
    }

    [Fact]
    public async Task A_large_file_goes_up_in_ranges_of_320_KiB_multiples_that_state_the_total()
    {
        using var fixture = new OneDriveConformanceFixture(options =>
        {
            options.SimpleUploadLimit = 1024;
            options.UploadChunkSize = Unit;
        });
        var folder = await fixture.CreateTestFolderAsync("large", Ct);
        var content = Pattern((2 * Unit) + 1000);

        var item = await fixture.OneDrive.UploadAsync(Alice, folder, "big.bin", new MemoryStream(content), NameConflictPolicy.Fail, Ct);

        Assert.Equal(
            [$"bytes 0-{Unit - 1}/{content.Length}", $"bytes {Unit}-{(2 * Unit) - 1}/{content.Length}", $"bytes {2 * Unit}-{content.Length - 1}/{content.Length}"],
            fixture.Server.ReceivedRanges);
        Assert.Equal(content.Length, item.Size);
        Assert.Equal(content, await DownloadAsync(fixture, item.Id));
        Assert.Equal(0, fixture.Server.OpenUploadSessions);
    }

    [Fact]
    public async Task A_stream_of_unknown_length_larger_than_the_single_PUT_goes_up_in_ranges()
    {
        using var fixture = new OneDriveConformanceFixture(options =>
        {
            options.SimpleUploadLimit = 1024;
            options.UploadChunkSize = Unit;
        });
        var folder = await fixture.CreateTestFolderAsync("unknown", Ct);
        var content = Pattern(Unit + 10);

        var item = await fixture.OneDrive.UploadAsync(Alice, folder, "piped.bin", new ForwardOnlyStream(content), NameConflictPolicy.Fail, Ct);

        Assert.Equal(2, fixture.Server.ReceivedRanges.Count);
        Assert.Equal(content, await DownloadAsync(fixture, item.Id));
    }

    [Fact]
    public async Task A_failed_range_fails_the_upload_as_Unavailable_and_deletes_the_session()
    {
        using var fixture = new OneDriveConformanceFixture(options =>
        {
            options.SimpleUploadLimit = 1024;
            options.UploadChunkSize = Unit;
        });
        var folder = await fixture.CreateTestFolderAsync("failed", Ct);
        fixture.Server.FailRangeAt = Unit;

        var error = await Assert.ThrowsAsync<StorageException>(() => fixture.OneDrive.UploadAsync(Alice, folder, "lost.bin", new MemoryStream(Pattern(3 * Unit)), NameConflictPolicy.Fail, Ct));

        Assert.Equal(StorageErrorCode.Unavailable, error.Code);
        Assert.Equal(0, fixture.Server.OpenUploadSessions);
        Assert.Empty((await fixture.OneDrive.ListFolderAsync(Alice, folder, Ct)).Children);
    }

    [Fact]
    public async Task A_cancelled_upload_deletes_its_session()
    {
        using var fixture = new OneDriveConformanceFixture(options =>
        {
            options.SimpleUploadLimit = 1024;
            options.UploadChunkSize = Unit;
        });
        var folder = await fixture.CreateTestFolderAsync("cancelled", Ct);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var content = new ForwardOnlyStream(Pattern(3 * Unit)) { CancelAt = (2 * Unit) + 1, Cancellation = cancellation };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fixture.OneDrive.UploadAsync(Alice, folder, "stopped.bin", content, NameConflictPolicy.Fail, cancellation.Token));

        Assert.Equal(0, fixture.Server.OpenUploadSessions);
        Assert.Empty((await fixture.OneDrive.ListFolderAsync(Alice, folder, Ct)).Children);
    }

    [Fact]
    public async Task Keep_both_numbers_like_Nextcloud_and_treats_names_differing_in_case_as_taken()
    {
        using var fixture = new OneDriveConformanceFixture();
        var folder = await fixture.CreateTestFolderAsync("keep", Ct);
        fixture.Server.AddFile(folder.Combine("Report.pdf"), "one"u8);

        var second = await fixture.OneDrive.UploadAsync(Alice, folder, "report.pdf", new MemoryStream("two"u8.ToArray()), NameConflictPolicy.KeepBoth, Ct);

        Assert.Equal("report (2).pdf", second.Name);
    }

    [Fact]
    public async Task The_download_link_is_SharePoints_pre_authenticated_address_and_the_token_never_goes_there()
    {
        using var fixture = new OneDriveConformanceFixture();
        var folder = await fixture.CreateTestFolderAsync("download", Ct);
        var file = fixture.Server.AddFile(folder.Combine("plan.pdf"), "plan"u8);

        var link = await fixture.OneDrive.GetDownloadLinkAsync(Alice, new FileId(file.Id), Ct);
        var content = await DownloadAsync(fixture, new FileId(file.Id));

        Assert.Equal(StatefulGraph.SharePointHost, link.Host);
        Assert.Contains("tempauth=", link.Query, StringComparison.Ordinal);
        Assert.Equal("plan"u8.ToArray(), content); // the stand-in refuses a bearer token on the SharePoint host with 401
    }

    [Fact]
    public async Task A_folder_cannot_be_downloaded_and_a_missing_file_is_not_found()
    {
        using var fixture = new OneDriveConformanceFixture();
        var folder = fixture.Server.AddFolder(StoragePath.Parse("/Plans"));

        var forFolder = await Assert.ThrowsAsync<StorageException>(() => fixture.OneDrive.OpenReadAsync(Alice, new FileId(folder.Id), Ct));
        var forMissing = await Assert.ThrowsAsync<StorageException>(() => fixture.OneDrive.GetDownloadLinkAsync(Alice, new FileId("01AZJL5P99999999999999999999999999"), Ct));

        Assert.Equal(StorageErrorCode.InvalidRequest, forFolder.Code);
        Assert.Equal(StorageErrorCode.NotFound, forMissing.Code);
    }

    [Fact]
    public async Task Creating_a_folder_sends_the_recorded_body_to_the_parents_children()
    {
        using var fixture = new OneDriveConformanceFixture();
        var parent = fixture.Server.AddFolder(StoragePath.Parse("/Projects"));
        fixture.Server.Writes.Clear();

        var created = await fixture.OneDrive.CreateFolderAsync(Alice, parent.Path, "Földer CreatedBy Çommand", Ct);

        var write = Assert.Single(fixture.Server.Writes);
        Assert.Equal(("POST", $"drives/{Uri.EscapeDataString(StatefulGraph.DriveId)}/items/{parent.Id}/children"), (write.Method, write.Path));
        Assert.Equal("""{"name":"Földer CreatedBy Çommand","folder":{},"@microsoft.graph.conflictBehavior":"fail"}""", write.Body);
        Assert.Equal(StoragePath.Parse("/Projects/Földer CreatedBy Çommand"), created.Location);
    }

    [Fact]
    public async Task A_rename_patches_the_name_only_and_a_move_names_the_new_parent()
    {
        using var fixture = new OneDriveConformanceFixture();
        var file = fixture.Server.AddFile(StoragePath.Parse("/draft.txt"), "x"u8);
        var archive = fixture.Server.AddFolder(StoragePath.Parse("/Archive"));
        fixture.Server.Writes.Clear();

        await fixture.OneDrive.MoveAsync(Alice, StoragePath.Parse("/draft.txt"), StoragePath.Parse("/final 🎉.txt"), Ct);
        var moved = await fixture.OneDrive.MoveAsync(Alice, StoragePath.Parse("/final 🎉.txt"), StoragePath.Parse("/Archive/final 🎉.txt"), Ct);

        Assert.Equal(2, fixture.Server.Writes.Count);
        Assert.True(JsonElement.DeepEquals(Json("""{"name":"final 🎉.txt"}"""), Json(fixture.Server.Writes[0].Body)));
        Assert.True(JsonElement.DeepEquals(Json($$$"""{"name":"final 🎉.txt","parentReference":{"id":"{{{archive.Id}}}"}}"""), Json(fixture.Server.Writes[1].Body)));
        Assert.Equal(file.Id, moved.Id.Value);
    }

    [Fact]
    public async Task The_path_map_follows_next_links_in_every_folder()
    {
        using var fixture = new OneDriveConformanceFixture();
        var folder = fixture.Server.AddFolder(StoragePath.Parse("/Tree"));
        for (var i = 0; i < 5; i++)
        {
            fixture.Server.AddFile(folder.Path.Combine($"{i}.txt"), "x"u8);
        }

        var map = await fixture.OneDrive.GetPathToIdMapAsync(Alice, folder.Path, PathMapDepth.All, Ct);

        Assert.Equal(6, map.Count);
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

    internal static byte[] Pattern(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(i * 7 % 251);
        }

        return bytes;
    }

    private static async Task<byte[]> DownloadAsync(OneDriveConformanceFixture fixture, FileId id)
    {
        await using var stream = await fixture.OneDrive.OpenReadAsync(Alice, id, Ct);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);
        return copy.ToArray();
    }

    /// <summary>A stream that cannot seek or tell its length; it can cancel a token once a position is read.</summary>
    private sealed class ForwardOnlyStream(byte[] content) : Stream
    {
        private int _position;

        public long? CancelAt { get; init; }

        public CancellationTokenSource? Cancellation { get; init; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = Math.Min(count, content.Length - _position);
            content.AsSpan(_position, read).CopyTo(buffer.AsSpan(offset));
            _position += read;
            if (_position >= CancelAt)
            {
                Cancellation?.Cancel();
            }

            return read;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = Math.Min(buffer.Length, content.Length - _position);
            content.AsMemory(_position, read).CopyTo(buffer);
            _position += read;
            if (_position >= CancelAt)
            {
                Cancellation?.Cancel();
            }

            return ValueTask.FromResult(read);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
