namespace OpenProject.Storages.Nextcloud.Tests.Conformance;

/// <summary>What the kit does not reach, against the stateful stand-in: multi-chunk uploads, aborts, depths, batches.</summary>
public sealed class StatefulStandInTests : IDisposable
{
    private static readonly StoragePath Docs = StoragePath.Parse("/Docs");
    private readonly NextcloudConformanceFixture _fixture = new(options =>
    {
        options.ForceChunkedUpload = true;
        options.UploadChunkSize = 1024 * 1024;
        options.FilesInfoBatchSize = 100;
    });

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public StatefulStandInTests() => _fixture.Server.AddFolder(Docs);

    private NextcloudFileStorage Storage => (NextcloudFileStorage)_fixture.Storage;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task A_stream_of_unknown_length_is_uploaded_in_numbered_chunks_and_assembled_in_order()
    {
        var content = Pattern(2 * 1024 * 1024 + 12_345);
        await using var stream = new NonSeekableStream(content);

        var item = await Storage.UploadAsync(_fixture.PrivilegedActor, Docs, "big.bin", stream, NameConflictPolicy.Fail, _ct);

        Assert.Equal(content.Length, item.Size);
        Assert.Equal(content, _fixture.Server.Find(Docs.Combine("big.bin"))!.Content);
        var chunkPuts = _fixture.Server.Requests.Where(r => r.Method == "PUT" && r.RelativePath.StartsWith("remote.php/dav/uploads/alice/", StringComparison.Ordinal)).ToList();
        // Sent in parallel, so they may arrive in any order; the assembly is by number.
        Assert.Equal(["00001", "00002", "00003"], chunkPuts.Select(r => r.RelativePath[(r.RelativePath.LastIndexOf('/') + 1)..]).Order(StringComparer.Ordinal));
        Assert.Equal(0, _fixture.Server.OpenUploadSessions);
    }

    [Fact]
    public async Task A_chunked_upload_onto_an_existing_name_under_Fail_is_a_Conflict_and_its_upload_folder_is_deleted()
    {
        _fixture.Server.AddFile(Docs.Combine("big.bin"), "original"u8);
        await using var stream = new MemoryStream(Pattern(1024 * 1024 + 1));

        var error = await Assert.ThrowsAsync<StorageException>(() => Storage.UploadAsync(_fixture.PrivilegedActor, Docs, "big.bin", stream, NameConflictPolicy.Fail, _ct));

        Assert.Equal(StorageErrorCode.Conflict, error.Code);
        Assert.Equal("original"u8.ToArray(), _fixture.Server.Find(Docs.Combine("big.bin"))!.Content);
        Assert.Equal(0, _fixture.Server.OpenUploadSessions);
    }

    [Fact]
    public async Task A_cancelled_chunked_upload_deletes_its_upload_folder()
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        await using var stream = new NonSeekableStream(Pattern(3 * 1024 * 1024), afterBytes: 1024 * 1024 + 10, onRead: cancellation.Cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Storage.UploadAsync(_fixture.PrivilegedActor, Docs, "big.bin", stream, NameConflictPolicy.Fail, cancellation.Token));

        Assert.Equal(0, _fixture.Server.OpenUploadSessions);
        Assert.Null(_fixture.Server.Find(Docs.Combine("big.bin")));
        Assert.Contains(_fixture.Server.Requests, r => r.Method == "DELETE" && r.RelativePath.StartsWith("remote.php/dav/uploads/alice/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_path_to_id_map_follows_the_depth()
    {
        var sub = _fixture.Server.AddFolder(Docs.Combine("Sub folder"));
        var deep = _fixture.Server.AddFile(sub.Path.Combine("deep (1).txt"), "deep"u8);
        var top = _fixture.Server.AddFile(Docs.Combine("C++ #1.txt"), "top"u8);

        var self = await Storage.GetPathToIdMapAsync(_fixture.PrivilegedActor, Docs, PathMapDepth.Self, _ct);
        var children = await Storage.GetPathToIdMapAsync(_fixture.PrivilegedActor, Docs, PathMapDepth.Children, _ct);
        var all = await Storage.GetPathToIdMapAsync(_fixture.PrivilegedActor, Docs, PathMapDepth.All, _ct);

        Assert.Equal([Docs], self.Keys);
        Assert.Equal(3, children.Count);
        Assert.Equal(new FileId(top.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), children[top.Path]);
        Assert.Equal(4, all.Count);
        Assert.Equal(new FileId(deep.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), all[deep.Path]);
    }

    [Fact]
    public async Task Bulk_info_for_more_ids_than_a_batch_keeps_one_outcome_per_id()
    {
        var ids = Enumerable.Range(0, 250)
            .Select(i => _fixture.Server.AddFile(Docs.Combine($"file {i}.txt"), "x"u8))
            .Select(node => new FileId(node.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Append(new FileId("999999"))
            .ToList();

        var results = await Storage.GetFileInfosAsync(_fixture.PrivilegedActor, ids, _ct);

        Assert.Equal(251, results.Count);
        Assert.Equal(250, results.Values.Count(r => r.Status == FileInfoStatus.Found));
        Assert.Equal(FileInfoStatus.NotFound, results[new FileId("999999")].Status);
        Assert.Equal(3, _fixture.Server.Requests.Count(r => r.RelativePath.EndsWith("/filesinfo", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_download_link_serves_the_file_without_credentials()
    {
        var file = _fixture.Server.AddFile(Docs.Combine("plan.pdf"), "plan"u8);

        var link = await Storage.GetDownloadLinkAsync(_fixture.PrivilegedActor, new FileId(file.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), _ct);

        Assert.StartsWith(NextcloudConformanceFixture.BaseAddress + "remote.php/direct/", link.AbsoluteUri, StringComparison.Ordinal);
        using var client = new HttpClient(_fixture.Server, disposeHandler: false);
        Assert.Equal("plan"u8.ToArray(), await client.GetByteArrayAsync(link, _ct));
    }

    [Fact]
    public async Task A_revoked_token_is_Unauthorized_from_WebDAV_and_from_OCS()
    {
        _fixture.Server.RevokeToken("alice-access-token");

        var dav = await Assert.ThrowsAsync<StorageException>(() => Storage.ListFolderAsync(_fixture.PrivilegedActor, Docs, _ct));
        var ocs = await Assert.ThrowsAsync<StorageException>(() => Storage.GetFileInfoAsync(_fixture.PrivilegedActor, new FileId("100"), _ct));

        Assert.Equal((StorageErrorCode.Unauthorized, 401), (dav.Code, dav.HttpStatus));
        Assert.Equal((StorageErrorCode.Unauthorized, 401), (ocs.Code, ocs.HttpStatus));
    }

    private static byte[] Pattern(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i * 7 % 253);
        }

        return bytes;
    }

    /// <summary>A stream that cannot seek (like a request body), optionally calling back once past a number of bytes.</summary>
    private sealed class NonSeekableStream(byte[] content, long afterBytes = long.MaxValue, Action? onRead = null) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position >= afterBytes)
            {
                onRead?.Invoke();
            }

            var count = (int)Math.Min(buffer.Length, content.Length - _position);
            content.AsSpan((int)_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = Read(buffer.Span);
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult(read);
        }

        public override void Flush() => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
