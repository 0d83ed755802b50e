using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using OpenProject.Storages.Nextcloud.Http;
using OpenProject.Storages.Nextcloud.Internal;
using OpenProject.Storages.Nextcloud.WebDav;

namespace OpenProject.Storages.Nextcloud.Upload;

/// <summary>
/// Server-side uploads: one <c>PUT</c> below <see cref="NextcloudStorageOptions.ChunkedUploadThreshold"/>,
/// Nextcloud chunked upload v2 at or above it (MKCOL of an upload folder, numbered chunk PUTs with
/// <c>OC-Total-Length</c>, a final MOVE of <c>.file</c>), aborted with a DELETE of the upload folder on
/// failure or cancellation. A seekable stream is sent as it is read; a stream of unknown length is
/// held at most two chunks at a time (one sent while the next is read). WebDAV has no "keep both", so names are checked and numbered here, and
/// <c>If-None-Match: *</c> / <c>Overwrite: F</c> keep a concurrent writer from being overwritten.
/// </summary>
internal sealed class NextcloudUploader
{
    private const string Operation = "uploading a file";
    private const int MaxNameAttempts = 20;
    private static readonly MediaTypeHeaderValue OctetStream = new("application/octet-stream");

    private readonly NextcloudConnection _connection;
    private readonly ChunkBufferCache _buffers = new();

    public NextcloudUploader(NextcloudConnection connection) => _connection = connection;

    public async Task<StorageItem> UploadAsync(NextcloudRequestContext context, StoragePath folder, string fileName, Stream content, NameConflictPolicy policy, CancellationToken cancellationToken)
    {
        var options = _connection.Options;
        var name = policy == NameConflictPolicy.KeepBoth
            ? await FindFreeNameAsync(context, folder, fileName, cancellationToken).ConfigureAwait(false)
            : fileName;

        if (content.CanSeek)
        {
            var start = content.Position;
            var length = content.Length - start;
            return length < options.ChunkedUploadThreshold
                ? await PutAsync(context, folder, name, policy, () => Rewind(content, start, length), length, cancellationToken).ConfigureAwait(false)
                : await ChunkedAsync(context, folder, name, policy, new SeekableChunks(content, length, options.UploadChunkSize), cancellationToken).ConfigureAwait(false);
        }

        var chunks = new BufferedChunks(content, (int)Math.Min(Math.Max(options.UploadChunkSize, 1), Array.MaxLength), _buffers, cancellationToken);
        await using (chunks.ConfigureAwait(false))
        {
            var first = await chunks.ReadFirstAsync(cancellationToken).ConfigureAwait(false);
            StorageItem item;
            if (chunks.Ended && first < options.ChunkedUploadThreshold)
            {
                var bytes = chunks.Current;
                item = await PutAsync(context, folder, name, policy, () => new ReadOnlyMemoryContent(bytes), first, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                item = await ChunkedAsync(context, folder, name, policy, chunks, cancellationToken).ConfigureAwait(false);
            }

            chunks.Recycle();
            return item;
        }
    }

    private static StreamContent Rewind(Stream content, long start, long length)
    {
        content.Position = start;
        return new StreamContent(new BoundedReadStream(content, length));
    }

    private async Task<string> FindFreeNameAsync(NextcloudRequestContext context, StoragePath folder, string fileName, CancellationToken cancellationToken)
    {
        var resources = await _connection.PropfindAsync(context, folder, "1", PropfindBodies.IdsOnly, Operation, cancellationToken).ConfigureAwait(false);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var resource in resources)
        {
            try
            {
                var path = DavHref.ToStoragePath(resource.Href, context.StorageUserId);
                if (path.Parent == folder && !path.IsRoot)
                {
                    taken.Add(path.Name);
                }
            }
            catch (InvalidDataException ex)
            {
                throw _connection.Failed(NextcloudErrors.InvalidResponse(Operation, 207, "a multistatus entry with an unusable href", inner: ex), Operation);
            }
        }

        var free = FileNames.FirstFree(fileName, taken);
        if (!string.Equals(free, fileName, StringComparison.Ordinal))
        {
            Log.NameTaken(_connection.Logger, _connection.StorageId, fileName, free);
        }

        return free;
    }

    private async Task<StorageItem> PutAsync(NextcloudRequestContext context, StoragePath folder, string name, NameConflictPolicy policy, Func<HttpContent> createContent, long length, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var target = folder.Combine(name);
            using var request = _connection.CreateRequest(HttpMethod.Put, _connection.Uris.Files(context.StorageUserId, target), context);
            request.Content = createContent();
            request.Content.Headers.ContentType = OctetStream;
            request.Content.Headers.ContentLength = length;
            if (policy != NameConflictPolicy.Overwrite)
            {
                // Sabre answers 412 when anything (file or folder) already has this name.
                request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Any);
            }

            using var response = await _connection.SendAsync(request, Operation, cancellationToken, ExchangeKind.Upload).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.PreconditionFailed && policy == NameConflictPolicy.KeepBoth && attempt < MaxNameAttempts)
            {
                // Someone took the name between the check and the PUT: try the next number.
                var next = FileNames.Numbered(name, FileNames.StartNumber(name));
                Log.NameTaken(_connection.Logger, _connection.StorageId, name, next);
                name = next;
                continue;
            }

            await _connection.EnsureDavSuccessAsync(response, Operation, cancellationToken, parentMissingOn404: true).ConfigureAwait(false);
            return await ReadStoredAsync(context, target, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<StorageItem> ChunkedAsync(NextcloudRequestContext context, StoragePath folder, string name, NameConflictPolicy policy, IChunkSource chunks, CancellationToken cancellationToken)
    {
        var uris = _connection.Uris;
        var uploadId = "openproject-" + Guid.NewGuid().ToString("N");
        var destination = uris.Files(context.StorageUserId, folder.Combine(name));
        using (var mkcol = _connection.CreateRequest(NextcloudConnection.Mkcol, uris.UploadFolder(context.StorageUserId, uploadId), context))
        {
            mkcol.Headers.Add("Destination", destination.AbsoluteUri);
            using var response = await _connection.SendAsync(mkcol, Operation, cancellationToken).ConfigureAwait(false);
            await _connection.EnsureDavSuccessAsync(response, Operation, cancellationToken).ConfigureAwait(false);
        }

        Log.ChunkedUploadStarted(_connection.Logger, _connection.StorageId, uploadId, _connection.Options.UploadChunkSize);
        var completed = false;
        try
        {
            var total = 0L;
            var number = 1;
            while (await chunks.MoveNextAsync(cancellationToken).ConfigureAwait(false))
            {
                using var put = _connection.CreateRequest(HttpMethod.Put, uris.UploadPart(context.StorageUserId, uploadId, number.ToString("D5", CultureInfo.InvariantCulture)), context);
                put.Content = chunks.CreateContent();
                put.Content.Headers.ContentType = OctetStream;
                put.Content.Headers.ContentLength = chunks.CurrentLength;
                put.Headers.Add("Destination", destination.AbsoluteUri);
                if (chunks.TotalLength is { } known)
                {
                    // Lets Nextcloud check the quota before the first byte is stored (507 early).
                    put.Headers.Add("OC-Total-Length", known.ToString(CultureInfo.InvariantCulture));
                }

                using var response = await _connection.SendAsync(put, Operation, cancellationToken, ExchangeKind.Upload).ConfigureAwait(false);
                await _connection.EnsureDavSuccessAsync(response, Operation, cancellationToken).ConfigureAwait(false);
                total += chunks.CurrentLength;
                number++;
            }

            for (var attempt = 0; ; attempt++)
            {
                using var move = _connection.CreateRequest(NextcloudConnection.Move, uris.UploadPart(context.StorageUserId, uploadId, ".file"), context);
                move.Headers.Add("Destination", destination.AbsoluteUri);
                move.Headers.Add("OC-Total-Length", total.ToString(CultureInfo.InvariantCulture));
                move.Headers.Add("Overwrite", policy == NameConflictPolicy.Overwrite ? "T" : "F");

                // The assembly of a large file takes time on the server: the transfer client has no time-out.
                using var response = await _connection.SendAsync(move, Operation, cancellationToken, ExchangeKind.Upload).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.PreconditionFailed && policy == NameConflictPolicy.KeepBoth && attempt < MaxNameAttempts)
                {
                    // The chunks stay in the upload folder: assemble them under the next free name.
                    var next = FileNames.Numbered(name, FileNames.StartNumber(name));
                    Log.NameTaken(_connection.Logger, _connection.StorageId, name, next);
                    name = next;
                    destination = uris.Files(context.StorageUserId, folder.Combine(name));
                    continue;
                }

                await _connection.EnsureDavSuccessAsync(response, Operation, cancellationToken).ConfigureAwait(false);
                break;
            }

            completed = true;
        }
        finally
        {
            if (!completed)
            {
                // Stop reading the caller's stream before the upload folder goes.
                await chunks.DisposeAsync().ConfigureAwait(false);
                await AbortAsync(context, uploadId).ConfigureAwait(false);
            }
        }

        return await ReadStoredAsync(context, folder.Combine(name), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads back the file just stored, to learn its id. The file is in the storage whatever happens here, so a
    /// read-back that fails, answers for another item (its id would get linked instead) or has no id is reported
    /// as <see cref="FileStoredButNotLinkedException"/> naming the stored path: the user can find the file and
    /// link or remove it, and nothing links a file that was not uploaded.
    /// </summary>
    private async Task<StorageItem> ReadStoredAsync(NextcloudRequestContext context, StoragePath stored, CancellationToken cancellationToken)
    {
        try
        {
            var item = await _connection.ReadItemAsync(context, stored, Operation, cancellationToken).ConfigureAwait(false);
            return item.IsFolder
                ? throw _connection.Failed(NextcloudErrors.InvalidResponse(Operation, 207, $"a folder where the file '{stored}' was stored"), Operation)
                : item;
        }
        catch (StorageException ex)
        {
            throw new FileStoredButNotLinkedException(stored, ex);
        }
    }

    private async Task AbortAsync(NextcloudRequestContext context, string uploadId)
    {
        Log.ChunkedUploadAborted(_connection.Logger, _connection.StorageId, uploadId);
        try
        {
            // Runs after a cancellation too, so it gets its own short deadline instead of the caller's token.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            using var delete = _connection.CreateRequest(HttpMethod.Delete, _connection.Uris.UploadFolder(context.StorageUserId, uploadId), context);
            using var response = await _connection.SendAsync(delete, "aborting a chunked upload", timeout.Token).ConfigureAwait(false);
        }
        catch (StorageException ex)
        {
            Log.ChunkedUploadCleanupFailed(_connection.Logger, _connection.StorageId, uploadId, ex);
        }
        catch (OperationCanceledException ex)
        {
            Log.ChunkedUploadCleanupFailed(_connection.Logger, _connection.StorageId, uploadId, ex);
        }
    }

    /// <summary>The chunks of an upload, one at a time; disposing it stops any read ahead.</summary>
    private interface IChunkSource : IAsyncDisposable
    {
        long? TotalLength { get; }

        long CurrentLength { get; }

        ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken);

        HttpContent CreateContent();
    }

    /// <summary>A seekable stream: each chunk is a bounded view that streams from it.</summary>
    private sealed class SeekableChunks(Stream content, long length, long chunkSize) : IChunkSource
    {
        private long _sent;
        private bool _started;

        public long? TotalLength => length;

        public long CurrentLength { get; private set; }

        public ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken)
        {
            _sent += CurrentLength;
            CurrentLength = Math.Min(chunkSize, length - _sent);

            // An empty stream is still one (empty) chunk, so the file gets created.
            var more = CurrentLength > 0 || (!_started && length == 0);
            _started = true;
            return ValueTask.FromResult(more);
        }

        public HttpContent CreateContent() => new StreamContent(new BoundedReadStream(content, CurrentLength));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>
    /// A stream of unknown length: a chunk's length must be known before it is sent, so each chunk is read
    /// into a buffer first. Two buffers of exactly the chunk size, owned by this upload, take turns: while
    /// one is sent, the next chunk is read into the other on the thread pool (the caller's stream is still
    /// read once, in order, by one reader at a time). Memory is bounded by two chunks whatever the file size;
    /// after a completed upload the buffers go to the storage's <see cref="ChunkBufferCache"/> for the next one.
    /// </summary>
    private sealed class BufferedChunks : IChunkSource, IAsyncDisposable
    {
        // The first chunk starts small and grows, so a small upload does not pay for a whole chunk.
        private const int FirstBufferSize = 64 * 1024;
        private const int GrowthStep = 1024 * 1024;

        private readonly Stream _content;
        private readonly int _chunkSize;
        private readonly ChunkBufferCache _cache;
        private readonly CancellationTokenSource _reading;
        private byte[] _current;
        private byte[]? _spare;
        private Task<int>? _next;
        private bool _pending;

        public BufferedChunks(Stream content, int chunkSize, ChunkBufferCache cache, CancellationToken cancellationToken)
        {
            _content = content;
            _chunkSize = chunkSize;
            _cache = cache;
            _current = cache.Take(chunkSize) ?? GC.AllocateUninitializedArray<byte>(Math.Min(chunkSize, FirstBufferSize));
            _reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        }

        public long? TotalLength => null;

        public long CurrentLength { get; private set; }

        public bool Ended { get; private set; }

        public ReadOnlyMemory<byte> Current => _current.AsMemory(0, (int)CurrentLength);

        /// <summary>Reads the first chunk, before the PUT-or-chunks decision, growing its buffer up to the chunk size.</summary>
        public async ValueTask<long> ReadFirstAsync(CancellationToken cancellationToken)
        {
            var filled = 0;
            while (true)
            {
                filled += await FillAsync(_current, filled, _current.Length, cancellationToken).ConfigureAwait(false);
                if (Ended || _current.Length == _chunkSize)
                {
                    break;
                }

                // 64 KiB, 1 MiB, then the whole chunk: little garbage on the way (doubling would leave a chunk's worth).
                var grown = GC.AllocateUninitializedArray<byte>(Math.Min(_current.Length < GrowthStep ? GrowthStep : _chunkSize, _chunkSize));
                _current.AsSpan(0, filled).CopyTo(grown);
                _current = grown;
            }

            CurrentLength = filled;
            _pending = true;
            return filled;
        }

        public async ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken)
        {
            if (_pending)
            {
                _pending = false;
            }
            else
            {
                if (_next is not { } next)
                {
                    return false;
                }

                // The chunk in _current has been sent: its buffer takes the next read while the prefetched one goes out.
                // The read ahead watches the caller's token too; until it ends, DisposeAsync must still wait for it.
                var read = await next.ConfigureAwait(false);
                _next = null;
                (_current, _spare) = (_spare!, _current);
                CurrentLength = read;
                if (read == 0)
                {
                    return false;
                }
            }

            if (!Ended)
            {
                var buffer = _spare ??= _cache.Take(_chunkSize) ?? GC.AllocateUninitializedArray<byte>(_chunkSize);
                var token = _reading.Token;
                _next = Task.Run(() => FillAsync(buffer, 0, buffer.Length, token).AsTask(), token);
            }

            return true;
        }

        public HttpContent CreateContent() => new ReadOnlyMemoryContent(Current);

        /// <summary>After a completed upload: hands the chunk-sized buffers to the cache for the next upload.</summary>
        public void Recycle()
        {
            foreach (var buffer in (ReadOnlySpan<byte[]?>)[_current, _spare])
            {
                if (buffer?.Length == _chunkSize)
                {
                    _cache.Give(buffer);
                }
            }

            _current = [];
            _spare = null;
        }

        /// <summary>Stops a read in flight and waits for it, so nothing touches the caller's stream after the upload returns.</summary>
        public async ValueTask DisposeAsync()
        {
            if (_next is { } next)
            {
                _next = null;
                await _reading.CancelAsync().ConfigureAwait(false);
                try
                {
                    await next.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
#pragma warning disable CA1031 // The upload already failed with its own error; the stream's later failure is of no use.
                catch (Exception)
#pragma warning restore CA1031
                {
                }
            }

            _reading.Dispose();
        }

        private async ValueTask<int> FillAsync(byte[] buffer, int offset, int end, CancellationToken cancellationToken)
        {
            var filled = offset;
            while (filled < end)
            {
                var read = await _content.ReadAsync(buffer.AsMemory(filled, end - filled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    Ended = true;
                    break;
                }

                filled += read;
            }

            return filled - offset;
        }
    }
}
