using System.Net;
using OpenProject.Storages.Nextcloud.Tests.Fixtures;
using OpenProject.Storages.Nextcloud.Tests.StandIn;
using static OpenProject.Storages.Nextcloud.Tests.StandIn.ScriptedNextcloud;

namespace OpenProject.Storages.Nextcloud.Tests.Upload;

public sealed class UploadTests : IDisposable
{
    private const int MiB = 1024 * 1024;
    private const string Folder = "remote.php/dav/files/alice/Docs";
    private readonly NextcloudTestHost _host = new(configure: o => { o.ChunkedUploadThreshold = 2 * MiB; o.UploadChunkSize = MiB; });
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    // Chunked upload v2 whatever the stream, one chunk in flight: the order of requests is then fixed.
    private readonly NextcloudTestHost _chunked = new(configure: o => { o.ForceChunkedUpload = true; o.UploadChunkSize = MiB; o.UploadChunkConcurrency = 1; });

    public void Dispose()
    {
        _host.Dispose();
        _chunked.Dispose();
    }

    private void ScriptReadBack(string escapedName, long id) => ScriptReadBack(_host, escapedName, id);

    private static void ScriptReadBack(NextcloudTestHost host, string escapedName, long id) =>
        host.Server.On("PROPFIND", Folder + "/" + escapedName, HttpStatusCode.MultiStatus, Recorded.MultiStatus(Recorded.Response("/" + Folder + "/" + escapedName, id, folder: false)));

    private static byte[] Content(int length) => Enumerable.Range(0, length).Select(i => (byte)(i % 251)).ToArray();

    [Fact]
    public async Task A_small_file_is_one_PUT_that_refuses_to_replace_an_existing_name()
    {
        _host.Server.On("PUT", Folder + "/%F0%9F%8D%91%20is%20not%20spelled%20Pf%C3%BCrsich.txt", _ => Respond(HttpStatusCode.Created, "", "text/html", ("OC-FileId", "00000035" + Recorded.InstanceId)));
        ScriptReadBack("%F0%9F%8D%91%20is%20not%20spelled%20Pf%C3%BCrsich.txt", 35);

        var item = await _host.Storage.UploadAsync(NextcloudTestHost.Alice, StoragePath.Parse("/Docs"), "🍑 is not spelled Pfürsich.txt", new MemoryStream(Content(25)), NameConflictPolicy.Fail, _ct);

        var put = _host.Server.RequestList[0];
        Assert.Equal("*", put.Header("If-None-Match"));
        Assert.Equal("25", put.Header("Content-Length"));
        Assert.Equal(Content(25), put.Body);
        Assert.Equal(new FileId("35"), item.Id);
    }

    [Fact]
    public async Task Fail_policy_turns_the_recorded_412_into_a_conflict()
    {
        _host.Server.On("PUT", Folder + "/a.txt", HttpStatusCode.PreconditionFailed, Recorded.SabreError("PreconditionFailed", "An If-None-Match header was specified, but the ETag matched (or * was specified)."));

        var error = await Assert.ThrowsAsync<StorageException>(() => _host.Storage.UploadAsync(NextcloudTestHost.Alice, StoragePath.Parse("/Docs"), "a.txt", new MemoryStream(Content(3)), NameConflictPolicy.Fail, _ct));

        Assert.Equal(StorageErrorCode.Conflict, error.Code);
    }

    [Fact]
    public async Task Overwrite_sends_no_precondition()
    {
        _host.Server.On("PUT", Folder + "/a.txt", HttpStatusCode.NoContent);
        ScriptReadBack("a.txt", 7);

        await _host.Storage.UploadAsync(NextcloudTestHost.Alice, StoragePath.Parse("/Docs"), "a.txt", new MemoryStream(Content(3)), NameConflictPolicy.Overwrite, _ct);

        Assert.Null(_host.Server.RequestList[0].Header("If-None-Match"));
    }

    [Fact]
    public async Task Keep_both_picks_the_first_free_numbered_name_like_Nextcloud()
    {
        _host.Server.On("PROPFIND", Folder, HttpStatusCode.MultiStatus, Recorded.MultiStatus(
            Recorded.Response("/" + Folder + "/", 3, folder: true),
            Recorded.Response("/" + Folder + "/report.pdf", 4, folder: false),
            Recorded.Response("/" + Folder + "/report%20%282%29.pdf", 5, folder: false)));
        _host.Server.On("PUT", Folder + "/report%20%283%29.pdf", HttpStatusCode.Created);
        ScriptReadBack("report%20%283%29.pdf", 6);

        var item = await _host.Storage.UploadAsync(NextcloudTestHost.Alice, StoragePath.Parse("/Docs"), "report.pdf", new MemoryStream(Content(3)), NameConflictPolicy.KeepBoth, _ct);

        Assert.Equal("report (3).pdf", item.Name);
        Assert.Equal("*", _host.Server.RequestList[1].Header("If-None-Match"));
    }

    [Fact]
    public async Task Keep_both_tries_the_next_name_when_another_writer_took_the_free_one()
    {
        _host.Server.On("PROPFIND", Folder, HttpStatusCode.MultiStatus, Recorded.MultiStatus(Recorded.Response("/" + Folder + "/", 3, folder: true)));
        _host.Server.On("PUT", Folder + "/a.txt", HttpStatusCode.PreconditionFailed, Recorded.SabreError("PreconditionFailed", "An If-None-Match header was specified"));
        _host.Server.On("PUT", Folder + "/a%20%282%29.txt", HttpStatusCode.Created);
        ScriptReadBack("a%20%282%29.txt", 8);

        var item = await _host.Storage.UploadAsync(NextcloudTestHost.Alice, StoragePath.Parse("/Docs"), "a.txt", new MemoryStream(Content(10)), NameConflictPolicy.KeepBoth, _ct);

        Assert.Equal("a (2).txt", item.Name);
        Assert.Equal(Content(10), _host.Server.RequestList.Last(r => r.Method == "PUT").Body);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_large_file_goes_in_numbered_chunks_and_is_assembled_by_a_final_MOVE(bool seekable)
    {
        var data = Content((2 * MiB) + (MiB / 2));
        _chunked.Server.On("MKCOL", p => p.StartsWith("remote.php/dav/uploads/alice/openproject-", StringComparison.Ordinal), _ => Respond(HttpStatusCode.Created));
        _chunked.Server.On("PUT", p => p.StartsWith("remote.php/dav/uploads/alice/", StringComparison.Ordinal), _ => Respond(HttpStatusCode.Created));
        _chunked.Server.On("MOVE", p => p.EndsWith("/.file", StringComparison.Ordinal), _ => Respond(HttpStatusCode.Created, null, "text/html", ("OC-FileId", "00000099" + Recorded.InstanceId)));
        ScriptReadBack(_chunked, "big.bin", 99);

        Stream content = seekable ? new MemoryStream(data) : new NonSeekableStream(data);
        var item = await _chunked.Storage.UploadAsync(NextcloudTestHost.Alice, StoragePath.Parse("/Docs"), "big.bin", content, NameConflictPolicy.Fail, _ct);

        var requests = _chunked.Server.RequestList;
        Assert.Equal(["MKCOL", "PUT", "PUT", "PUT", "MOVE", "PROPFIND"], requests.Select(r => r.Method));
        var uploadFolder = requests[0].RelativePath;
        Assert.Equal("https://cloud.example.com/remote.php/dav/files/alice/Docs/big.bin", requests[0].Header("Destination"));
        Assert.Equal([uploadFolder + "/00001", uploadFolder + "/00002", uploadFolder + "/00003"], requests.Where(r => r.Method == "PUT").Select(r => r.RelativePath));
        Assert.Equal(data, requests.Where(r => r.Method == "PUT").SelectMany(r => r.Body).ToArray());
        Assert.Equal(seekable ? data.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) : null, requests[1].Header("OC-Total-Length"));
        var move = requests[4];
        Assert.Equal(uploadFolder + "/.file", move.RelativePath);
        Assert.Equal(data.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), move.Header("OC-Total-Length"));
        Assert.Equal("F", move.Header("Overwrite"));
        Assert.Equal(new FileId("99"), item.Id);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_failed_chunk_aborts_the_upload_by_deleting_its_upload_folder_and_sends_no_further_chunk(bool seekable)
    {
        _chunked.Server.On("MKCOL", p => p.StartsWith("remote.php/dav/uploads/alice/", StringComparison.Ordinal), _ => Respond(HttpStatusCode.Created));
        _chunked.Server.On("PUT", p => p.EndsWith("/00002", StringComparison.Ordinal), _ => Respond(HttpStatusCode.InsufficientStorage, Recorded.SabreError("InsufficientStorage", "Insufficient space")));
        _chunked.Server.On("PUT", p => p.StartsWith("remote.php/dav/uploads/alice/", StringComparison.Ordinal), _ => Respond(HttpStatusCode.Created));
        _chunked.Server.On("DELETE", p => p.StartsWith("remote.php/dav/uploads/alice/", StringComparison.Ordinal), _ => Respond(HttpStatusCode.NoContent));
        var source = new WatchedStream(Content(5 * MiB));

        var error = await Assert.ThrowsAsync<StorageException>(() => _chunked.Storage.UploadAsync(NextcloudTestHost.Alice, StoragePath.Parse("/Docs"), "big.bin", seekable ? new MemoryStream(Content(5 * MiB)) : source, NameConflictPolicy.Fail, _ct));

        Assert.Equal(StorageErrorCode.InsufficientStorage, error.Code);
        var requests = _chunked.Server.RequestList;
        Assert.Equal(["MKCOL", "PUT", "PUT", "DELETE"], requests.Select(r => r.Method));
        Assert.Equal(requests[0].RelativePath, requests[^1].RelativePath);
        Assert.Equal(0, source.ActiveReads);
        Assert.True(source.BytesRead <= 3 * MiB, $"read {source.BytesRead} bytes: no more than one chunk ahead of the failed one");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_cancelled_chunked_upload_is_aborted_too(bool seekable)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        _chunked.Server.On("MKCOL", p => p.StartsWith("remote.php/dav/uploads/alice/", StringComparison.Ordinal), _ => Respond(HttpStatusCode.Created));
        _chunked.Server.On("PUT", p => p.StartsWith("remote.php/dav/uploads/alice/", StringComparison.Ordinal), _ =>
        {
            cancel.Cancel();
            return Respond(HttpStatusCode.Created);
        });
        _chunked.Server.On("DELETE", p => p.StartsWith("remote.php/dav/uploads/alice/", StringComparison.Ordinal), _ => Respond(HttpStatusCode.NoContent));
        Stream content = seekable ? new MemoryStream(Content(3 * MiB)) : new WatchedStream(Content(3 * MiB));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _chunked.Storage.UploadAsync(NextcloudTestHost.Alice, StoragePath.Parse("/Docs"), "big.bin", content, NameConflictPolicy.Fail, cancel.Token));

        Assert.Equal("DELETE", _chunked.Server.RequestList[^1].Method);
        Assert.DoesNotContain(_chunked.Server.RequestList, r => r.Method == "MOVE");
    }

    [Fact]
    public async Task A_stream_of_unknown_length_is_held_in_at_most_two_buffers_of_exactly_the_chunk_size()
    {
        // 1.5 MiB: ArrayPool<byte>.Shared would hand out 2 MiB arrays.
        const int ChunkSize = 3 * MiB / 2;
        using var host = new NextcloudTestHost(configure: o => { o.ForceChunkedUpload = true; o.UploadChunkSize = ChunkSize; o.UploadChunkConcurrency = 1; });
        host.Server.On("MKCOL", p => p.StartsWith("remote.php/dav/uploads/alice/", StringComparison.Ordinal), _ => Respond(HttpStatusCode.Created));
        host.Server.On("PUT", p => p.StartsWith("remote.php/dav/uploads/alice/", StringComparison.Ordinal), _ => Respond(HttpStatusCode.Created));
        host.Server.On("MOVE", p => p.EndsWith("/.file", StringComparison.Ordinal), _ => Respond(HttpStatusCode.Created));
        host.Server.On("PROPFIND", Folder + "/big.bin", HttpStatusCode.MultiStatus, Recorded.MultiStatus(Recorded.Response("/" + Folder + "/big.bin", 99, folder: false)));
        var data = Content((10 * ChunkSize) + 12_345);
        var source = new WatchedStream(data);

        await host.Storage.UploadAsync(NextcloudTestHost.Alice, StoragePath.Parse("/Docs"), "big.bin", source, NameConflictPolicy.Fail, _ct);

        var chunks = host.Server.RequestList.Where(r => r.Method == "PUT").ToList();
        Assert.Equal(11, chunks.Count);
        Assert.Equal(data, chunks.SelectMany(r => r.Body).ToArray());
        Assert.All(source.Buffers, buffer => Assert.True(buffer.Length <= ChunkSize, $"a {buffer.Length}-byte buffer for {ChunkSize}-byte chunks"));
        Assert.Equal(2, source.Buffers.Count(buffer => buffer.Length == ChunkSize));
        Assert.Equal(1, source.MaxConcurrentReads);

        // The next upload of the storage reads into the same two buffers: no new chunk-sized garbage per upload.
        var next = new WatchedStream(data);
        await host.Storage.UploadAsync(NextcloudTestHost.Alice, StoragePath.Parse("/Docs"), "big.bin", next, NameConflictPolicy.Fail, _ct);
        Assert.Equal(source.Buffers.Where(buffer => buffer.Length == ChunkSize).ToHashSet(ReferenceEqualityComparer.Instance), next.Buffers.ToHashSet(ReferenceEqualityComparer.Instance));
    }

    [Fact]
    public async Task A_stream_of_unknown_length_is_one_streamed_PUT_without_a_length_and_without_a_chunk_buffer()
    {
        using var host = new NextcloudTestHost(configure: o => { o.ChunkedUploadThreshold = MiB; o.UploadChunkSize = MiB; });
        host.Server.On("PUT", Folder + "/small.bin", HttpStatusCode.Created);
        host.Server.On("PROPFIND", Folder + "/small.bin", HttpStatusCode.MultiStatus, Recorded.MultiStatus(Recorded.Response("/" + Folder + "/small.bin", 12, folder: false, size: 3 * MiB)));

        // Larger than the threshold: a length only known at the end does not make it chunks.
        var data = Content(3 * MiB);
        var source = new WatchedStream(data);

        await host.Storage.UploadAsync(NextcloudTestHost.Alice, StoragePath.Parse("/Docs"), "small.bin", source, NameConflictPolicy.Fail, _ct);

        Assert.Equal(data, host.Server.RequestList[0].Body);
        Assert.Null(host.Server.RequestList[0].Header("Content-Length"));
        Assert.Single(host.Server.RequestList, r => r.Method == "PUT");
        Assert.All(source.Buffers, buffer => Assert.True(buffer.Length < MiB, $"a {buffer.Length}-byte buffer: the stream is copied, not held"));
    }

    [Fact]
    public async Task The_next_chunk_of_a_stream_of_unknown_length_is_read_while_the_current_one_is_sent()
    {
        var readAhead = false;
        var source = new WatchedStream(Content(3 * MiB)) { SignalAt = MiB };
        _chunked.Server.On("MKCOL", p => p.StartsWith("remote.php/dav/uploads/alice/", StringComparison.Ordinal), _ => Respond(HttpStatusCode.Created));
        _chunked.Server.On("PUT", p => p.EndsWith("/00001", StringComparison.Ordinal), _ =>
        {
            // The first chunk is on the wire; the second must be read without waiting for its answer.
            readAhead = source.Signal.Wait(TimeSpan.FromSeconds(10), _ct);
            return Respond(HttpStatusCode.Created);
        });
        _chunked.Server.On("PUT", p => p.StartsWith("remote.php/dav/uploads/alice/", StringComparison.Ordinal), _ => Respond(HttpStatusCode.Created));
        _chunked.Server.On("MOVE", p => p.EndsWith("/.file", StringComparison.Ordinal), _ => Respond(HttpStatusCode.Created));
        ScriptReadBack(_chunked, "big.bin", 99);

        await _chunked.Storage.UploadAsync(NextcloudTestHost.Alice, StoragePath.Parse("/Docs"), "big.bin", source, NameConflictPolicy.Fail, _ct);

        Assert.True(readAhead, "the second chunk was not read while the first was being sent");
        Assert.Equal(Content(3 * MiB), _chunked.Server.RequestList.Where(r => r.Method == "PUT").SelectMany(r => r.Body).ToArray());
    }

    [Fact]
    public async Task Cancelling_while_a_chunk_is_in_flight_aborts_the_upload_and_stops_reading_the_source()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_ct);

        // A slow source: the read ahead of the third chunk waits until it is cancelled.
        var source = new WatchedStream(Content(5 * MiB)) { WaitAt = 2 * MiB };
        _chunked.Server.On("MKCOL", p => p.StartsWith("remote.php/dav/uploads/alice/", StringComparison.Ordinal), _ => Respond(HttpStatusCode.Created));
        _chunked.Server.On("PUT", p => p.EndsWith("/00002", StringComparison.Ordinal), _ =>
        {
            cancel.Cancel();
            return Respond(HttpStatusCode.Created);
        });
        _chunked.Server.On("PUT", p => p.StartsWith("remote.php/dav/uploads/alice/", StringComparison.Ordinal), _ => Respond(HttpStatusCode.Created));
        _chunked.Server.On("DELETE", p => p.StartsWith("remote.php/dav/uploads/alice/", StringComparison.Ordinal), _ => Respond(HttpStatusCode.NoContent));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _chunked.Storage.UploadAsync(NextcloudTestHost.Alice, StoragePath.Parse("/Docs"), "big.bin", source, NameConflictPolicy.Fail, cancel.Token));

        var requests = _chunked.Server.RequestList;
        Assert.Equal(["MKCOL", "PUT", "PUT", "DELETE"], requests.Select(r => r.Method));
        Assert.Equal(requests[0].RelativePath, requests[^1].RelativePath);
        Assert.Equal(0, source.ActiveReads);
        Assert.Equal(2 * MiB, source.BytesRead);
    }

    [Fact]
    public async Task A_failing_source_aborts_the_chunked_upload_with_the_source_error()
    {
        var source = new WatchedStream(Content(5 * MiB)) { FailAt = 2 * MiB };
        _chunked.Server.On("MKCOL", p => p.StartsWith("remote.php/dav/uploads/alice/", StringComparison.Ordinal), _ => Respond(HttpStatusCode.Created));
        _chunked.Server.On("PUT", p => p.StartsWith("remote.php/dav/uploads/alice/", StringComparison.Ordinal), _ => Respond(HttpStatusCode.Created));
        _chunked.Server.On("DELETE", p => p.StartsWith("remote.php/dav/uploads/alice/", StringComparison.Ordinal), _ => Respond(HttpStatusCode.NoContent));

        var error = await Assert.ThrowsAsync<IOException>(() => _chunked.Storage.UploadAsync(NextcloudTestHost.Alice, StoragePath.Parse("/Docs"), "big.bin", source, NameConflictPolicy.Fail, _ct));

        Assert.Equal("The source broke.", error.Message);
        var requests = _chunked.Server.RequestList;
        // The chunk read before the failure may or may not have left before the abort cancelled it.
        Assert.Equal("MKCOL", requests[0].Method);
        Assert.Equal("DELETE", requests[^1].Method);
        Assert.DoesNotContain(requests, r => r.Method == "MOVE");
        Assert.Equal(0, source.ActiveReads);
    }

    [Fact]
    public async Task Keep_both_on_a_chunked_upload_assembles_under_the_next_name_when_the_move_finds_the_name_taken()
    {
        _host.Server.On("PROPFIND", Folder, HttpStatusCode.MultiStatus, Recorded.MultiStatus(Recorded.Response("/" + Folder + "/", 3, folder: true)));
        _host.Server.On("MKCOL", p => p.StartsWith("remote.php/dav/uploads/alice/", StringComparison.Ordinal), _ => Respond(HttpStatusCode.Created));
        _host.Server.On("PUT", p => p.StartsWith("remote.php/dav/uploads/alice/", StringComparison.Ordinal), _ => Respond(HttpStatusCode.Created));
        _host.Server.On("MOVE", p => p.EndsWith("/.file", StringComparison.Ordinal), r => r.Header("Destination")!.EndsWith("/big.bin", StringComparison.Ordinal)
            ? Respond(HttpStatusCode.PreconditionFailed, Recorded.SabreError("PreconditionFailed", "The destination node already exists, and the overwrite header is set to false"))
            : Respond(HttpStatusCode.Created));
        ScriptReadBack("big%20%282%29.bin", 100);

        var item = await _host.Storage.UploadAsync(NextcloudTestHost.Alice, StoragePath.Parse("/Docs"), "big.bin", new MemoryStream(Content(2 * MiB)), NameConflictPolicy.KeepBoth, _ct);

        Assert.Equal("big (2).bin", item.Name);
        Assert.Equal(2, _host.Server.RequestList.Count(r => r.Method == "MOVE"));
    }

    [Theory]
    [InlineData("report.pdf", 2, "report (2).pdf")]
    [InlineData("report (2).pdf", 3, "report (3).pdf")]
    [InlineData("archive.tar.gz", 2, "archive.tar (2).gz")]
    [InlineData("README", 2, "README (2)")]
    [InlineData(".env", 2, ".env (2)")]
    public void Numbered_names_follow_Nextcloud(string name, int number, string expected) =>
        Assert.Equal(expected, KeepBothNames.Numbered(name, number));

    /// <summary>
    /// A source of unknown length that only reads asynchronously and records the buffers it is read into,
    /// how many reads overlap, and how far it got; it can signal, fail, or wait for cancellation at a position.
    /// </summary>
    private sealed class WatchedStream(byte[] data) : Stream
    {
        private readonly HashSet<byte[]> _buffers = new(ReferenceEqualityComparer.Instance);
        private int _position;
        private int _activeReads;
        private int _maxConcurrentReads;

        public int SignalAt { get; init; } = int.MaxValue;

        public int FailAt { get; init; } = int.MaxValue;

        public int WaitAt { get; init; } = int.MaxValue;

        public ManualResetEventSlim Signal { get; } = new();

        public int BytesRead => Volatile.Read(ref _position);

        public int ActiveReads => Volatile.Read(ref _activeReads);

        public int MaxConcurrentReads => Volatile.Read(ref _maxConcurrentReads);

        public IReadOnlyList<byte[]> Buffers
        {
            get
            {
                lock (_buffers)
                {
                    return [.. _buffers];
                }
            }
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var active = Interlocked.Increment(ref _activeReads);
            try
            {
                InterlockedMax(ref _maxConcurrentReads, active);
                if (System.Runtime.InteropServices.MemoryMarshal.TryGetArray<byte>(buffer, out var segment))
                {
                    lock (_buffers)
                    {
                        _buffers.Add(segment.Array!);
                    }
                }

                if (_position >= SignalAt)
                {
                    Signal.Set();
                }

                if (_position >= FailAt)
                {
                    throw new IOException("The source broke.");
                }

                if (_position >= WaitAt)
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }

                var count = Math.Min(buffer.Length, data.Length - _position);
                data.AsSpan(_position, count).CopyTo(buffer.Span);
                Volatile.Write(ref _position, _position + count);
                return count;
            }
            finally
            {
                Interlocked.Decrement(ref _activeReads);
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("read synchronously");

        public override void Flush() => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Signal.Dispose();
            }

            base.Dispose(disposing);
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int current;
            while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
            {
            }
        }
    }
}
