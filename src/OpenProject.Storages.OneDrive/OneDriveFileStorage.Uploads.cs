using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using OpenProject.Storages.OneDrive.Internal;

namespace OpenProject.Storages.OneDrive;

public sealed partial class OneDriveFileStorage
{
    // Graph's "rename" numbers as "report 1.pdf"; keep-both names are picked here instead, so a lost race is retried.
    private const int MaxNameAttempts = 5;

    /// <inheritdoc/>
    /// <remarks>
    /// Reads the folder by path. Content up to <see cref="OneDriveStorageOptions.SimpleUploadLimit"/> goes in one
    /// <c>PUT items/{folder}:/{name}:/content</c>; larger content through <c>createUploadSession</c> and ranges of
    /// <see cref="OneDriveStorageOptions.UploadChunkSize"/> sent to the session's pre-authenticated <c>uploadUrl</c>
    /// (no token travels there). A stream that cannot seek and is larger than the simple limit is first copied to a
    /// temporary file, because every range must state the total size. A failed or cancelled session is deleted.
    /// </remarks>
    public async Task<StorageItem> UploadAsync(StorageActor actor, StoragePath folder, string fileName, Stream content, NameConflictPolicy conflictPolicy = NameConflictPolicy.Fail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        RequireValidName(fileName, nameof(fileName));
        return await StorageTelemetry.TraceAsync(
            "upload",
            Id,
            async () =>
            {
                var stored = await UploadCoreAsync(actor, folder, fileName, content, conflictPolicy, cancellationToken).ConfigureAwait(false);
                StorageTelemetry.RecordTransfer(Id, "upload", stored.Size ?? 0);
                return stored;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<StorageItem> UploadCoreAsync(StorageActor actor, StoragePath folder, string fileName, Stream content, NameConflictPolicy conflictPolicy, CancellationToken cancellationToken)
    {
        const string Operation = "upload a file";
        var folderItem = await GetFolderAsync(actor, folder, Operation, cancellationToken).ConfigureAwait(false);
        var name = conflictPolicy == NameConflictPolicy.KeepBoth
            ? await FreeNameAsync(actor, folderItem.Id, fileName, cancellationToken).ConfigureAwait(false)
            : fileName;
        var behaviour = conflictPolicy == NameConflictPolicy.Overwrite ? "replace" : "fail";

        var headLimit = content.CanSeek ? (int)Math.Min(_options.SimpleUploadLimit + 1L, Math.Max(0, content.Length - content.Position)) : _options.SimpleUploadLimit + 1;
        var head = await ReadUpToAsync(content, headLimit, cancellationToken).ConfigureAwait(false);
        var more = content.CanSeek ? content.Position < content.Length : head.Length > _options.SimpleUploadLimit;
        if (!more && head.Length <= _options.SimpleUploadLimit)
        {
            return await PutWholeAsync(actor, folderItem, name, head, behaviour, conflictPolicy, cancellationToken).ConfigureAwait(false);
        }

        FileStream? spool = null;
        try
        {
            var rest = content;
            if (!content.CanSeek)
            {
                spool = await SpoolAsync(content, cancellationToken).ConfigureAwait(false);
                rest = spool;
            }

            var total = head.Length + (rest.Length - rest.Position);
            return await UploadInSessionAsync(actor, folderItem, name, behaviour, conflictPolicy, head, rest, total, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (spool is not null)
            {
                await spool.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    // Sending a body of megabytes takes longer than an answer: a range (or the single PUT) gets the transfer timeout.
    private TimeSpan TransferTimeout => _options.TransferIdleTimeout > _options.ResponseTimeout ? _options.TransferIdleTimeout : _options.ResponseTimeout;

    private async Task<StorageItem> PutWholeAsync(StorageActor actor, StorageItem folder, string name, byte[] content, string behaviour, NameConflictPolicy policy, CancellationToken cancellationToken)
    {
        const string Operation = "upload a file";
        for (var attempt = 1; ; attempt++)
        {
            var address = DriveItems.Resolve(_options, ChildAddress(folder.Id, name) + "/content", "@microsoft.graph.conflictBehavior=" + behaviour);
            GraphAnswer answer;
            try
            {
                answer = await _graph.SendAsync(actor, () => new HttpRequestMessage(HttpMethod.Put, address) { Content = Octets(content, 0, content.Length) }, Operation, cancellationToken, timeout: TransferTimeout).ConfigureAwait(false);
            }
            catch (StorageException conflict) when (conflict.Code == StorageErrorCode.Conflict && policy == NameConflictPolicy.KeepBoth && attempt < MaxNameAttempts)
            {
                name = KeepBothNames.Numbered(name, KeepBothNames.StartNumber(name));
                continue;
            }

            return StoredItem(answer.Body, folder.Location.Combine(name), Operation);
        }
    }

    private async Task<StorageItem> UploadInSessionAsync(StorageActor actor, StorageItem folder, string name, string behaviour, NameConflictPolicy policy, byte[] head, Stream rest, long total, CancellationToken cancellationToken)
    {
        const string Operation = "upload a file in ranges";
        var (session, uploadUrl, _) = await CreateSessionAsync(actor, folder.Id, name, behaviour, policy, cancellationToken).ConfigureAwait(false);
        name = session;
        try
        {
            var chunk = new byte[_options.UploadChunkSize];
            var headOffset = 0;
            var number = 0;
            long sent = 0;
            while (true)
            {
                // Fill one range: the bytes read to decide on the single PUT first, then the rest of the content.
                var length = Math.Min(head.Length - headOffset, chunk.Length);
                head.AsSpan(headOffset, length).CopyTo(chunk);
                headOffset += length;
                while (length < chunk.Length)
                {
                    var read = await rest.ReadAsync(chunk.AsMemory(length), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    length += read;
                }

                if (length == 0 || sent + length > total)
                {
                    throw new StorageException(StorageErrorCode.InvalidRequest, "The content stream changed its length while it was uploaded.");
                }

                var range = string.Create(CultureInfo.InvariantCulture, $"bytes {sent}-{sent + length - 1}/{total}");
                var start = sent;
                var answer = await _graph.SendAnonymousAsync(() => RangeRequest(uploadUrl, chunk, length, start, total), Operation, cancellationToken, TransferTimeout).ConfigureAwait(false);
                sent += length;
                if (answer.Status is 200 or 201 or 202)
                {
                    StorageTelemetry.RecordUploadChunk(Id, ++number, length);
                }

                if (answer.Status == 202 && sent < total)
                {
                    continue;
                }

                if (answer.Status is 200 or 201 && sent == total)
                {
                    uploadUrl = null;
                    return StoredItem(answer.Body, folder.Location.Combine(name), Operation);
                }

                throw answer.Status is >= 200 and < 300
                    ? new StorageException(StorageErrorCode.InvalidResponse, $"OneDrive answered the range {range} with HTTP {answer.Status}, which does not fit the upload's progress.", answer.Status)
                    : GraphConnection.Failed(answer, Operation);
            }
        }
        finally
        {
            if (uploadUrl is not null)
            {
                await DiscardSessionAsync(uploadUrl).ConfigureAwait(false);
            }
        }
    }

    private async Task<(string Name, Uri UploadUrl, DateTimeOffset? ExpiresAt)> CreateSessionAsync(StorageActor actor, FileId folderId, string name, string behaviour, NameConflictPolicy policy, CancellationToken cancellationToken)
    {
        const string Operation = "start an upload session";
        for (var attempt = 1; ; attempt++)
        {
            var payload = JsonSerializer.SerializeToUtf8Bytes(new UploadSessionRequest { Item = new UploadSessionItem { ConflictBehavior = behaviour, Name = name } }, GraphJsonContext.Default.UploadSessionRequest);
            var address = DriveItems.Resolve(_options, ChildAddress(folderId, name) + "/createUploadSession");
            UploadSession session;
            try
            {
                session = await _graph.SendJsonAsync(actor, () => JsonRequest(HttpMethod.Post, address, payload), GraphJsonContext.Default.UploadSession, Operation, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageException conflict) when (conflict.Code == StorageErrorCode.Conflict && policy == NameConflictPolicy.KeepBoth && attempt < MaxNameAttempts)
            {
                name = KeepBothNames.Numbered(name, KeepBothNames.StartNumber(name));
                continue;
            }

            return Uri.TryCreate(session.UploadUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)
                ? (name, url, session.ExpirationDateTime)
                : throw new StorageException(StorageErrorCode.InvalidResponse, "Microsoft Graph answered the upload session request without a usable upload URL.");
        }
    }

    /// <summary>Deletes an unfinished upload session so no partial file is left; a failure here is not the caller's concern.</summary>
    private async Task DiscardSessionAsync(Uri uploadUrl)
    {
        try
        {
            await _graph.SendAnonymousAsync(() => new HttpRequestMessage(HttpMethod.Delete, uploadUrl), "discard an upload session", CancellationToken.None).ConfigureAwait(false);
        }
        catch (StorageException)
        {
            // The session expires on its own (expirationDateTime); the upload's own failure is what the caller sees.
        }
    }

    private async Task<string> FreeNameAsync(StorageActor actor, FileId folderId, string fileName, CancellationToken cancellationToken)
    {
        // Graph compares names without regard to case, so "Report.pdf" takes "report.pdf".
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var child in ReadChildrenAsync(actor, folderId, "find a free file name", cancellationToken).ConfigureAwait(false))
        {
            if (taken.Count >= _options.MaxListingChildren)
            {
                throw TooManyChildren();
            }

            taken.Add(child.Name);
        }

        return KeepBothNames.FirstFree(fileName, taken.Contains);
    }

    /// <summary>The stored file from Graph's answer; an answer that does not name it leaves the file stored but unknown.</summary>
    private static StorageItem StoredItem(byte[] body, StoragePath storedPath, string operation)
    {
        try
        {
            var item = DriveItems.ToStorageItem(GraphConnection.Parse(body, GraphJsonContext.Default.DriveItem, operation), operation);
            return item.IsFolder
                ? throw new StorageException(StorageErrorCode.InvalidResponse, $"Microsoft Graph answered the request to {operation} with a folder.")
                : item;
        }
        catch (StorageException unknown)
        {
            throw new FileStoredButNotLinkedException(storedPath, unknown);
        }
    }

    private string ChildAddress(FileId folderId, string name) =>
        DriveItems.ById(_options.DriveId, folderId) + ":/" + Uri.EscapeDataString(name) + ":";

    private static HttpRequestMessage RangeRequest(Uri uploadUrl, byte[] chunk, int length, long start, long total)
    {
        var content = Octets(chunk, 0, length);
        content.Headers.ContentRange = new ContentRangeHeaderValue(start, start + length - 1, total);
        return new HttpRequestMessage(HttpMethod.Put, uploadUrl) { Content = content };
    }

    private static ByteArrayContent Octets(byte[] bytes, int offset, int count) =>
        new(bytes, offset, count) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } };

    private static async Task<byte[]> ReadUpToAsync(Stream content, int limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[limit];
        var length = 0;
        while (length < limit)
        {
            var read = await content.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return length == limit ? buffer : buffer[..length];
    }

    private static async Task<FileStream> SpoolAsync(Stream content, CancellationToken cancellationToken)
    {
        FileStream spool;
        try
        {
            spool = new FileStream(Path.Combine(Path.GetTempPath(), Path.GetRandomFileName()), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81_920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new StorageException(StorageErrorCode.Unavailable, "No temporary file could be created for the upload (needed to state its size to OneDrive).", innerException: exception);
        }

        try
        {
            await content.CopyToAsync(spool, cancellationToken).ConfigureAwait(false);
            spool.Position = 0;
            return spool;
        }
        catch (IOException exception)
        {
            await spool.DisposeAsync().ConfigureAwait(false);
            throw new StorageException(StorageErrorCode.Unavailable, "The upload could not be copied to a temporary file (needed to state its size to OneDrive).", innerException: exception);
        }
        catch
        {
            await spool.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
