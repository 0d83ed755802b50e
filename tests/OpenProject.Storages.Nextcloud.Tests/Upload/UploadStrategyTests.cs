using OpenProject.Storages.Nextcloud.Tests.Conformance;
using OpenProject.Storages.Nextcloud.Tests.Fixtures;

namespace OpenProject.Storages.Nextcloud.Tests.Upload;

/// <summary>
/// One PUT or chunked upload v2, against the stateful stand-in: which is chosen, what each sends, when a refused
/// PUT may still go as chunks, parallel chunks and their abort, and the same name-conflict outcome on both paths.
/// </summary>
public sealed class UploadStrategyTests
{
    private const int MiB = 1024 * 1024;
    private static readonly StoragePath Docs = StoragePath.Parse("/Docs");
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static NextcloudConformanceFixture Fixture(Action<NextcloudStorageOptions>? configure = null)
    {
        var fixture = new NextcloudConformanceFixture(o =>
        {
            o.UploadChunkSize = MiB;
            configure?.Invoke(o);
        });
        fixture.Server.AddFolder(Docs);
        return fixture;
    }

    private static NextcloudFileStorage Storage(NextcloudConformanceFixture fixture) => (NextcloudFileStorage)fixture.Storage;

    private static byte[] Pattern(int length) => Enumerable.Range(0, length).Select(i => (byte)(i % 253)).ToArray();

    private static List<string> Methods(NextcloudConformanceFixture fixture) => [.. fixture.Server.Requests.Select(r => r.Method)];

    [Fact]
    public async Task A_stream_of_known_length_below_the_threshold_is_one_PUT_with_Content_Length()
    {
        using var fixture = Fixture();
        var content = Pattern((3 * MiB) + 7);

        var item = await Storage(fixture).UploadAsync(fixture.PrivilegedActor, Docs, "a.bin", new MemoryStream(content), NameConflictPolicy.Fail, _ct);

        var put = Assert.Single(fixture.Server.Requests, r => r.Method == "PUT");
        Assert.Equal("remote.php/dav/files/alice/Docs/a.bin", put.RelativePath);
        Assert.Equal(content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), put.Header("Content-Length"));
        Assert.DoesNotContain("MKCOL", Methods(fixture));
        Assert.Equal(content, fixture.Server.Find(Docs.Combine("a.bin"))!.Content);
        Assert.Equal(content.Length, item.Size);
    }

    [Fact]
    public async Task At_the_threshold_a_stream_of_known_length_goes_as_chunked_upload_v2()
    {
        using var fixture = Fixture(o => o.ChunkedUploadThreshold = 2 * MiB);
        var content = Pattern(2 * MiB);

        await Storage(fixture).UploadAsync(fixture.PrivilegedActor, Docs, "a.bin", new MemoryStream(content), NameConflictPolicy.Fail, _ct);

        Assert.Equal(["MKCOL", "PUT", "PUT", "MOVE", "PROPFIND"], Methods(fixture));
        Assert.Equal(content, fixture.Server.Find(Docs.Combine("a.bin"))!.Content);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task On_the_wire_a_known_length_is_sent_as_Content_Length_and_an_unknown_one_as_Transfer_Encoding_chunked(bool seekable)
    {
        await using var fixture = await NextcloudConformanceFixture.OverLoopbackAsync(o => o.UploadChunkSize = MiB);
        fixture.Server.AddFolder(Docs);
        var content = Pattern((2 * MiB) + 3);
        Stream source = seekable ? new MemoryStream(content) : new NonSeekableStream(content);

        await Storage(fixture).UploadAsync(fixture.PrivilegedActor, Docs, "a.bin", source, NameConflictPolicy.Fail, _ct);

        // The loopback bridge hands the stand-in the headers Kestrel received.
        var put = Assert.Single(fixture.Server.Requests, r => r.Method == "PUT");
        Assert.Equal(seekable ? content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) : null, put.Header("Content-Length"));
        Assert.Equal(seekable ? null : "chunked", put.Header("Transfer-Encoding"));
        Assert.Equal(content, fixture.Server.Find(Docs.Combine("a.bin"))!.Content);
    }

    [Fact]
    public async Task A_411_before_any_byte_was_read_sends_the_stream_as_chunked_upload_v2()
    {
        using var fixture = Fixture();
        fixture.Server.RequireContentLength = true;
        var content = Pattern((2 * MiB) + 5);

        var item = await Storage(fixture).UploadAsync(fixture.PrivilegedActor, Docs, "a.bin", new NonSeekableStream(content), NameConflictPolicy.Fail, _ct);

        Assert.Equal(["PUT", "MKCOL", "PUT", "PUT", "PUT", "MOVE", "PROPFIND"], Methods(fixture));
        Assert.Equal(content, fixture.Server.Find(Docs.Combine("a.bin"))!.Content);
        Assert.Equal(content.Length, item.Size);
    }

    [Fact]
    public async Task A_413_on_a_seekable_stream_rewinds_it_and_sends_it_as_chunked_upload_v2()
    {
        using var fixture = Fixture();
        fixture.Server.PlainPutBodyLimit = MiB;
        var content = Pattern((2 * MiB) + 5);
        var source = new MemoryStream(content);
        source.Position = 0;

        await Storage(fixture).UploadAsync(fixture.PrivilegedActor, Docs, "a.bin", source, NameConflictPolicy.Fail, _ct);

        Assert.Equal("MKCOL", Methods(fixture)[1]);
        Assert.Equal(content, fixture.Server.Find(Docs.Combine("a.bin"))!.Content);
        Assert.Equal(0, fixture.Server.OpenUploadSessions);
    }

    [Fact]
    public async Task A_non_seekable_stream_refused_after_part_of_it_was_read_ends_the_upload_and_stores_nothing()
    {
        using var fixture = Fixture();
        fixture.Server.PlainPutBodyLimit = MiB;
        var source = new NonSeekableStream(Pattern(3 * MiB));

        var error = await Assert.ThrowsAsync<StorageException>(() => Storage(fixture).UploadAsync(fixture.PrivilegedActor, Docs, "a.bin", source, NameConflictPolicy.Fail, _ct));

        Assert.IsNotType<FileStoredButNotLinkedException>(error);
        Assert.Equal(413, error.HttpStatus);
        Assert.True(source.BytesRead > 0);
        Assert.Equal(["PUT"], Methods(fixture));
        Assert.Null(fixture.Server.Find(Docs.Combine("a.bin")));
    }

    [Fact]
    public async Task A_server_that_stores_less_than_a_PUT_without_a_length_sent_fails_the_upload_removes_the_file_and_gets_chunks_next_time()
    {
        using var fixture = Fixture();
        fixture.Server.LosesChunkedBodies = true;
        var content = Pattern(MiB + 3);

        var error = await Assert.ThrowsAsync<StorageException>(() => Storage(fixture).UploadAsync(fixture.PrivilegedActor, Docs, "a.bin", new NonSeekableStream(content), NameConflictPolicy.Fail, _ct));
        var item = await Storage(fixture).UploadAsync(fixture.PrivilegedActor, Docs, "b.bin", new NonSeekableStream(content), NameConflictPolicy.Fail, _ct);

        Assert.Equal(StorageErrorCode.InvalidResponse, error.Code);
        Assert.IsNotType<FileStoredButNotLinkedException>(error);
        Assert.Null(fixture.Server.Find(Docs.Combine("a.bin")));
        Assert.Equal(content, fixture.Server.Find(Docs.Combine("b.bin"))!.Content);
        Assert.Equal(content.Length, item.Size);
        Assert.Contains("MKCOL", Methods(fixture));
    }

    [Fact]
    public async Task Chunks_are_sent_in_parallel_up_to_UploadChunkConcurrency()
    {
        using var fixture = Fixture(o => { o.ForceChunkedUpload = true; o.UploadChunkConcurrency = 3; });
        fixture.Server.ChunkPutDelay = TimeSpan.FromMilliseconds(40);
        var content = Pattern((9 * MiB) + 11);

        await Storage(fixture).UploadAsync(fixture.PrivilegedActor, Docs, "a.bin", new NonSeekableStream(content), NameConflictPolicy.Fail, _ct);

        Assert.Equal(3, fixture.Server.MaxChunkPutsInFlight);
        Assert.Equal(content, fixture.Server.Find(Docs.Combine("a.bin"))!.Content);
        Assert.Equal(0, fixture.Server.OpenUploadSessions);
    }

    [Fact]
    public async Task A_failed_chunk_among_parallel_ones_aborts_the_upload_and_deletes_its_folder()
    {
        using var fixture = Fixture(o => { o.ForceChunkedUpload = true; o.UploadChunkConcurrency = 4; });
        fixture.Server.ChunkPutDelay = TimeSpan.FromMilliseconds(10);
        fixture.Server.FailingChunk = "00003";

        var error = await Assert.ThrowsAsync<StorageException>(() => Storage(fixture).UploadAsync(fixture.PrivilegedActor, Docs, "a.bin", new MemoryStream(Pattern(8 * MiB)), NameConflictPolicy.Fail, _ct));

        Assert.Equal(StorageErrorCode.InsufficientStorage, error.Code);
        Assert.Equal("DELETE", Methods(fixture)[^1]);
        Assert.DoesNotContain("MOVE", Methods(fixture));
        Assert.Equal(0, fixture.Server.OpenUploadSessions);
        Assert.Null(fixture.Server.Find(Docs.Combine("a.bin")));
    }

    [Fact]
    public async Task A_cancelled_parallel_upload_deletes_its_upload_folder()
    {
        using var fixture = Fixture(o => { o.ForceChunkedUpload = true; o.UploadChunkConcurrency = 4; });
        fixture.Server.ChunkPutDelay = TimeSpan.FromSeconds(30);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        var upload = Storage(fixture).UploadAsync(fixture.PrivilegedActor, Docs, "a.bin", new MemoryStream(Pattern(8 * MiB)), NameConflictPolicy.Fail, cancel.Token);

        // Cancelled once chunks are in flight (a fixed delay raced the start of the upload on a busy machine).
        while (fixture.Server.MaxChunkPutsInFlight == 0 && !upload.IsCompleted)
        {
            await Task.Delay(10, _ct);
        }

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload);

        Assert.Equal("DELETE", Methods(fixture)[^1]);
        Assert.Equal(0, fixture.Server.OpenUploadSessions);
        Assert.Null(fixture.Server.Find(Docs.Combine("a.bin")));
    }

    [Theory]
    [InlineData(false, NameConflictPolicy.Fail)]
    [InlineData(true, NameConflictPolicy.Fail)]
    [InlineData(false, NameConflictPolicy.Overwrite)]
    [InlineData(true, NameConflictPolicy.Overwrite)]
    [InlineData(false, NameConflictPolicy.KeepBoth)]
    [InlineData(true, NameConflictPolicy.KeepBoth)]
    public async Task A_taken_name_ends_the_same_way_on_both_paths(bool chunked, NameConflictPolicy policy)
    {
        using var fixture = Fixture(o => o.ForceChunkedUpload = chunked);
        fixture.Server.AddFile(Docs.Combine("a.bin"), "original"u8);
        var content = Pattern((2 * MiB) + 1);
        var upload = () => Storage(fixture).UploadAsync(fixture.PrivilegedActor, Docs, "a.bin", new NonSeekableStream(content), policy, _ct);

        switch (policy)
        {
            case NameConflictPolicy.Fail:
                Assert.Equal(StorageErrorCode.Conflict, (await Assert.ThrowsAsync<StorageException>(upload)).Code);
                Assert.Equal("original"u8.ToArray(), fixture.Server.Find(Docs.Combine("a.bin"))!.Content);
                break;
            case NameConflictPolicy.Overwrite:
                Assert.Equal("a.bin", (await upload()).Name);
                Assert.Equal(content, fixture.Server.Find(Docs.Combine("a.bin"))!.Content);
                break;
            default:
                Assert.Equal("a (2).bin", (await upload()).Name);
                Assert.Equal("original"u8.ToArray(), fixture.Server.Find(Docs.Combine("a.bin"))!.Content);
                Assert.Equal(content, fixture.Server.Find(Docs.Combine("a (2).bin"))!.Content);
                break;
        }

        Assert.Equal(chunked, Methods(fixture).Contains("MKCOL"));
        Assert.Equal(0, fixture.Server.OpenUploadSessions);
    }
}
