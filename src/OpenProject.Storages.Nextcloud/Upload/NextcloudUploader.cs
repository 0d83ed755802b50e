using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using OpenProject.Storages.Nextcloud.Http;
using OpenProject.Storages.Nextcloud.Internal;
using OpenProject.Storages.Nextcloud.WebDav;

namespace OpenProject.Storages.Nextcloud.Upload;

/// <summary>
/// Server-side uploads. By default one streaming <c>PUT</c>: with <c>Content-Length</c> when the stream's length
/// is known (below <see cref="NextcloudStorageOptions.ChunkedUploadThreshold"/>), with
/// <c>Transfer-Encoding: chunked</c> when it is not; nothing of the caller's stream is buffered. Nextcloud chunked
/// upload v2 (MKCOL of an upload folder, numbered chunk PUTs sent in parallel, a final MOVE of <c>.file</c>) at or
/// above the threshold, when the host forces it, or when the server refuses the single PUT with 413 or 411 before
/// any byte of the stream was read (a seekable stream is rewound instead); it is aborted with a DELETE of the upload
/// folder on failure or cancellation. WebDAV has no "keep both", so names are checked and numbered here, and
/// <c>If-None-Match: *</c> / <c>Overwrite: F</c> keep a concurrent writer from being overwritten.
/// </summary>
internal sealed class NextcloudUploader
{
    private const string Operation = "uploading a file";
    private const int MaxNameAttempts = 20;
    private static readonly MediaTypeHeaderValue OctetStream = new("application/octet-stream");

    private readonly NextcloudConnection _connection;
    private readonly ChunkBufferCache _buffers;

    // Set once this server stored fewer bytes than a PUT without a length sent (PHP-FPM behind a web server
    // that does not buffer a chunked body hands PHP an empty one, nextcloud/server#7995): from then on a
    // stream of unknown length goes as chunked upload v2.
    private volatile bool _chunkedBodiesLost;

    public NextcloudUploader(NextcloudConnection connection)
    {
        _connection = connection;
        _buffers = new ChunkBufferCache(connection.Options.UploadChunkConcurrency + 1);
    }

    public async Task<StorageItem> UploadAsync(NextcloudRequestContext context, StoragePath folder, string fileName, Stream content, NameConflictPolicy policy, CancellationToken cancellationToken)
    {
        var options = _connection.Options;
        var name = policy == NameConflictPolicy.KeepBoth
            ? await FindFreeNameAsync(context, folder, fileName, cancellationToken).ConfigureAwait(false)
            : fileName;

        var start = content.CanSeek ? content.Position : 0;
        long? length = content.CanSeek ? content.Length - start : null;
        if (!options.ForceChunkedUpload && (length is null ? !_chunkedBodiesLost : length < options.ChunkedUploadThreshold))
        {
            var single = await PutAsync(context, folder, name, policy, content, start, length, cancellationToken).ConfigureAwait(false);
            if (single.Item is { } item)
            {
                return item;
            }

            // Refused before the body mattered (413/411) and the stream is still whole: chunks pass where one PUT did not.
            Log.SinglePutRefused(_connection.Logger, _connection.StorageId, single.RefusedWith);
            name = single.Name;
            if (content.CanSeek)
            {
                content.Position = start;
            }
        }

        return await ChunkedAsync(context, folder, name, policy, content, length, cancellationToken).ConfigureAwait(false);
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

        var free = KeepBothNames.FirstFree(fileName, taken.Contains);
        if (!string.Equals(free, fileName, StringComparison.Ordinal))
        {
            Log.NameTaken(_connection.Logger, _connection.StorageId, fileName, free);
        }

        return free;
    }

    /// <summary>
    /// One streaming PUT of the whole file. A 412 under "keep both" is retried under the next name and a 413/411 is
    /// handed back for a chunked upload, but only while the stream can still be sent whole: a seekable stream is
    /// rewound, a non-seekable one only if not a byte of it was read yet. Any other failure ends the upload; the
    /// server discards a partial PUT, so nothing is stored and nothing is linked.
    /// </summary>
    private async Task<SinglePut> PutAsync(NextcloudRequestContext context, StoragePath folder, string name, NameConflictPolicy policy, Stream content, long start, long? length, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (attempt > 0 && content.CanSeek)
            {
                content.Position = start;
            }

            var target = folder.Combine(name);
            var body = new BoundedReadStream(content, length ?? long.MaxValue);
            using var request = _connection.CreateRequest(HttpMethod.Put, _connection.Uris.Files(context.StorageUserId, target), context);

            // Without a length the content has none to compute, so HttpClient sends Transfer-Encoding: chunked.
            request.Content = new StreamContent(body);
            request.Content.Headers.ContentType = OctetStream;
            request.Content.Headers.ContentLength = length;
            if (policy != NameConflictPolicy.Overwrite)
            {
                // Sabre answers 412 when anything (file or folder) already has this name.
                request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Any);
            }

            HttpResponseMessage sent;
            try
            {
                sent = await _connection.SendAsync(request, Operation, cancellationToken, ExchangeKind.Upload).ConfigureAwait(false);
            }
            catch (StorageException) when (body.SourceError is { } source)
            {
                // The caller's stream failed, not Nextcloud: the caller gets its own error, as from a chunked upload.
                ExceptionDispatchInfo.Throw(source);
                throw;
            }

            using var response = sent;
            var whole = content.CanSeek || body.Position == 0;
            if (response.StatusCode == HttpStatusCode.PreconditionFailed && policy == NameConflictPolicy.KeepBoth && attempt < MaxNameAttempts && whole)
            {
                // Someone took the name between the check and the PUT: try the next number.
                var next = KeepBothNames.Numbered(name, KeepBothNames.StartNumber(name));
                Log.NameTaken(_connection.Logger, _connection.StorageId, name, next);
                name = next;
                continue;
            }

            if (response.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.LengthRequired && whole)
            {
                return new SinglePut(null, name, (int)response.StatusCode);
            }

            await _connection.EnsureDavSuccessAsync(response, Operation, cancellationToken, parentMissingOn404: true).ConfigureAwait(false);
            var item = await ReadStoredAsync(context, target, cancellationToken).ConfigureAwait(false);
            if (length is null && item.Size is { } stored && stored != body.Position)
            {
                // Stored, but not what was sent: never linked. A new file of ours is removed; an overwritten one is already lost.
                _chunkedBodiesLost = true;
                if (policy != NameConflictPolicy.Overwrite)
                {
                    await RemoveAsync(context, target).ConfigureAwait(false);
                }

                throw _connection.Failed(NextcloudErrors.InvalidResponse(Operation, (int)response.StatusCode, $"a file of {stored} bytes where {body.Position} were sent without a length (Transfer-Encoding: chunked)", "This server loses request bodies without a length; later uploads of unknown length use chunked upload. Set NextcloudStorageOptions.ForceChunkedUpload for this storage."), Operation);
            }

            return new SinglePut(item, name, 0);
        }
    }

    /// <summary>
    /// Nextcloud chunked upload v2. The caller's stream is read once, in order, one chunk-sized buffer at a time;
    /// up to <see cref="NextcloudStorageOptions.UploadChunkConcurrency"/> chunk PUTs are in flight while the next
    /// chunk is read, so memory is bounded by that many buffers plus one whatever the file size. The first failure cancels
    /// the other chunks and, like a cancellation, deletes the upload folder: nothing is stored, nothing linked.
    /// </summary>
    private async Task<StorageItem> ChunkedAsync(NextcloudRequestContext context, StoragePath folder, string name, NameConflictPolicy policy, Stream content, long? totalLength, CancellationToken cancellationToken)
    {
        var uris = _connection.Uris;
        var options = _connection.Options;
        var chunkSize = (int)Math.Min(options.UploadChunkSize, Array.MaxLength);
        var uploadId = "openproject-" + Guid.NewGuid().ToString("N");
        var destination = uris.Files(context.StorageUserId, folder.Combine(name));
        using (var mkcol = _connection.CreateRequest(NextcloudConnection.Mkcol, uris.UploadFolder(context.StorageUserId, uploadId), context))
        {
            mkcol.Headers.Add("Destination", destination.AbsoluteUri);
            using var response = await _connection.SendAsync(mkcol, Operation, cancellationToken).ConfigureAwait(false);
            await _connection.EnsureDavSuccessAsync(response, Operation, cancellationToken).ConfigureAwait(false);
        }

        Log.ChunkedUploadStarted(_connection.Logger, _connection.StorageId, uploadId, chunkSize);
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var inFlight = new List<Task<byte[]>>(options.UploadChunkConcurrency);
        var free = new Stack<byte[]>();
        var completed = false;
        try
        {
            var total = 0L;
            for (var number = 1; ; number++)
            {
                // The next chunk is read while up to UploadChunkConcurrency chunks are sent.
                var buffer = free.Count > 0 ? free.Pop() : _buffers.Take(chunkSize) ?? GC.AllocateUninitializedArray<byte>(chunkSize);
                var read = await FillAsync(content, buffer, cancellationToken).ConfigureAwait(false);

                // An empty stream is still one (empty) chunk, so the file gets created.
                if (read == 0 && number > 1)
                {
                    free.Push(buffer);
                    break;
                }

                if (inFlight.Count == options.UploadChunkConcurrency)
                {
                    free.Push(await NextSentAsync(inFlight).ConfigureAwait(false));
                }

                // On the thread pool: a handler that works synchronously must not hold up the read of the next chunk.
                var (chunkNumber, chunkBuffer, chunkLength) = (number, buffer, read);
                inFlight.Add(Task.Run(() => PutChunkAsync(context, uploadId, chunkNumber, destination, chunkBuffer, chunkLength, totalLength, sending.Token), sending.Token));
                total += read;
                if (read < chunkSize)
                {
                    break;
                }
            }

            while (inFlight.Count > 0)
            {
                free.Push(await NextSentAsync(inFlight).ConfigureAwait(false));
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
                    var next = KeepBothNames.Numbered(name, KeepBothNames.StartNumber(name));
                    Log.NameTaken(_connection.Logger, _connection.StorageId, name, next);
                    name = next;
                    destination = uris.Files(context.StorageUserId, folder.Combine(name));
                    continue;
                }

                await _connection.EnsureDavSuccessAsync(response, Operation, cancellationToken).ConfigureAwait(false);
                break;
            }

            completed = true;

            // Only buffers no request can still be sending from go back for the next upload.
            foreach (var buffer in free)
            {
                _buffers.Give(buffer);
            }
        }
        finally
        {
            if (!completed)
            {
                // Stop the other chunks and wait for them before the upload folder goes.
                await sending.CancelAsync().ConfigureAwait(false);
                await DrainAsync(inFlight).ConfigureAwait(false);
                await AbortAsync(context, uploadId).ConfigureAwait(false);
            }
        }

        return await ReadStoredAsync(context, folder.Combine(name), cancellationToken).ConfigureAwait(false);
    }

    private async Task<byte[]> PutChunkAsync(NextcloudRequestContext context, string uploadId, int number, Uri destination, byte[] buffer, int length, long? totalLength, CancellationToken cancellationToken)
    {
        using var put = _connection.CreateRequest(HttpMethod.Put, _connection.Uris.UploadPart(context.StorageUserId, uploadId, number.ToString("D5", CultureInfo.InvariantCulture)), context);
        put.Content = new ReadOnlyMemoryContent(buffer.AsMemory(0, length));
        put.Content.Headers.ContentType = OctetStream;
        put.Content.Headers.ContentLength = length;
        put.Headers.Add("Destination", destination.AbsoluteUri);
        if (totalLength is { } known)
        {
            // Lets Nextcloud check the quota before the first byte is stored (507 early).
            put.Headers.Add("OC-Total-Length", known.ToString(CultureInfo.InvariantCulture));
        }

        using var response = await _connection.SendAsync(put, Operation, cancellationToken, ExchangeKind.Upload).ConfigureAwait(false);
        await _connection.EnsureDavSuccessAsync(response, Operation, cancellationToken).ConfigureAwait(false);
        StorageTelemetry.RecordUploadChunk(_connection.StorageId, number, length);
        return buffer;
    }

    /// <summary>Waits for the first chunk in flight to end; its failure ends the upload.</summary>
    private static async Task<byte[]> NextSentAsync(List<Task<byte[]>> inFlight)
    {
        var done = await Task.WhenAny(inFlight).ConfigureAwait(false);
        inFlight.Remove(done);
        return await done.ConfigureAwait(false);
    }

    /// <summary>After a failure: waits for the cancelled chunks; their own errors add nothing to the first one.</summary>
    private static async Task DrainAsync(List<Task<byte[]>> inFlight)
    {
        foreach (var chunk in inFlight)
        {
            try
            {
                await chunk.ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The upload already failed with its own error.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    private static async Task<int> FillAsync(Stream content, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await content.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
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

    /// <summary>Best effort: deletes a file this upload created wrongly; a failure leaves it for the user to see.</summary>
    private async Task RemoveAsync(NextcloudRequestContext context, StoragePath target)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            using var delete = _connection.CreateRequest(HttpMethod.Delete, _connection.Uris.Files(context.StorageUserId, target), context);
            using var response = await _connection.SendAsync(delete, "removing a wrongly stored upload", timeout.Token).ConfigureAwait(false);
        }
        catch (StorageException)
        {
        }
        catch (OperationCanceledException)
        {
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

    /// <summary>The outcome of a single PUT: the stored item, or the 413/411 that sends it as chunks under <see cref="Name"/>.</summary>
    private readonly record struct SinglePut(StorageItem? Item, string Name, int RefusedWith);
}
