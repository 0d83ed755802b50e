using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenProject.Storages.Nextcloud.Files;
using OpenProject.Storages.Nextcloud.Http;
using OpenProject.Storages.Nextcloud.Internal;
using OpenProject.Storages.Nextcloud.Ocs;
using OpenProject.Storages.Nextcloud.Upload;
using OpenProject.Storages.Nextcloud.WebDav;

namespace OpenProject.Storages.Nextcloud;

/// <summary>
/// A Nextcloud storage: folders and files over WebDAV, file information, links and browser uploads
/// through the <c>integration_openproject</c> app (OCS), downloads and server-side uploads (chunked
/// above a size). Each operation runs as a host user (Bearer token from
/// <see cref="IStorageAccessTokenProvider"/>) or as the technical user (Basic with its app password).
/// </summary>
/// <remarks>
/// Registered by <c>services.AddNextcloudStorage("name", ...)</c>. It keeps no <see cref="HttpClient"/>:
/// each request takes one from <see cref="IHttpClientFactory"/> by the storage's name.
/// </remarks>
public sealed class NextcloudFileStorage : IFileStorage, IFileDownloads, IFileManagement, IFileUploads, IBrowserUploads, IStreamingFolderListing, IPathToIdMapping, IStorageConnectionState
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };

    private readonly NextcloudConnection _connection;
    private readonly NextcloudUploader _uploader;
    private readonly Func<IStorageAccessTokenProvider?> _tokenProvider;

    internal NextcloudFileStorage(StorageId id, IHttpClientFactory clients, IOptionsMonitor<NextcloudStorageOptions> options, Func<IStorageAccessTokenProvider?> tokenProvider, ILogger<NextcloudFileStorage> logger)
    {
        Id = id;
        _tokenProvider = tokenProvider;
        _connection = new NextcloudConnection(id, clients, options, tokenProvider, logger);
        _uploader = new NextcloudUploader(_connection);
    }

    /// <inheritdoc/>
    public StorageId Id { get; }

    /// <inheritdoc/>
    public string ProductName => "Nextcloud";

    /// <inheritdoc/>
    /// <remarks>
    /// With Nextcloud's OAuth accounts (<c>AddNextcloudAccounts</c>) the stored tokens tell; with a token provider of the
    /// host's own (single sign-on) nothing can be known without a request, so the user counts as ready.
    /// </remarks>
    public Task<StorageConnectionState> GetConnectionStateAsync(HostUserId user, CancellationToken cancellationToken = default) =>
        _tokenProvider() switch
        {
            NextcloudAccessTokenProvider accounts => accounts.GetConnectionStateAsync(Id, user, cancellationToken),
            null => Task.FromResult(StorageConnectionState.NoConnection),
            _ => Task.FromResult(StorageConnectionState.Ready),
        };

    /// <inheritdoc/>
    public async Task<FolderListing> ListFolderAsync(StorageActor actor, StoragePath folder, CancellationToken cancellationToken = default)
    {
        const string operation = "listing a folder";
        var context = await _connection.ResolveAsync(actor, cancellationToken).ConfigureAwait(false);
        var resources = await _connection.PropfindAsync(context, folder, "1", PropfindBodies.Item, operation, cancellationToken).ConfigureAwait(false);
        if (resources.Count == 0)
        {
            throw _connection.Failed(NextcloudErrors.InvalidResponse(operation, 207, "an empty multistatus"), operation);
        }

        var items = resources.ConvertAll(resource => _connection.ToItem(resource, context, operation));

        // The folder itself comes first; match by path in case a server orders differently. An answer without
        // the folder is never read as if another entry were it: that entry's id would be taken for the folder's.
        var self = items.Find(item => DavHref.SameItem(item.Location, folder))
            ?? throw _connection.Failed(NextcloudErrors.InvalidResponse(operation, 207, $"a listing without the folder '{folder}' itself"), operation);
        if (!self.IsFolder)
        {
            throw NotAFolder(operation);
        }

        // The contract orders by name ordinally (as every provider can, whatever its culture): "B.txt" before "a.txt".
        var children = items.Where(item => !ReferenceEquals(item, self))
            .OrderBy(item => item.IsFolder ? 0 : 1)
            .ThenBy(item => item.Name, StringComparer.Ordinal)
            .ToList();
        return new FolderListing { Folder = self, Children = children, Ancestors = self.Location.Ancestors };
    }

    /// <inheritdoc/>
    /// <remarks>
    /// One PROPFIND <c>Depth: 1</c> read as it arrives: each child is handed out when its entry has been parsed,
    /// so memory holds one entry whatever the folder's size, and <see cref="NextcloudStorageOptions.MaxListingEntries"/>
    /// does not apply. Children come in Nextcloud's order. The first entry must be the folder itself (Sabre
    /// answers for it first), else the listing ends as <see cref="StorageErrorCode.InvalidResponse"/>.
    /// </remarks>
    public async IAsyncEnumerable<StorageItem> EnumerateFolderAsync(StorageActor actor, StoragePath folder, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        const string operation = "listing a folder";
        var context = await _connection.ResolveAsync(actor, cancellationToken).ConfigureAwait(false);
        var sawFolder = false;
        await foreach (var resource in _connection.PropfindStreamAsync(context, folder, "1", PropfindBodies.Item, operation, cancellationToken).ConfigureAwait(false))
        {
            var item = _connection.ToItem(resource, context, operation);
            if (!sawFolder)
            {
                if (!DavHref.SameItem(item.Location, folder))
                {
                    throw _connection.Failed(NextcloudErrors.InvalidResponse(operation, 207, $"a listing that does not start with the folder '{folder}' itself"), operation);
                }

                if (!item.IsFolder)
                {
                    throw NotAFolder(operation);
                }

                sawFolder = true;
                continue;
            }

            yield return item;
        }

        if (!sawFolder)
        {
            throw _connection.Failed(NextcloudErrors.InvalidResponse(operation, 207, "an empty multistatus"), operation);
        }
    }

    /// <inheritdoc/>
    public async Task<StorageItem> GetFileInfoAsync(StorageActor actor, FileId fileId, CancellationToken cancellationToken = default)
    {
        const string operation = "reading file information";
        if (!TryParseId(fileId, out _))
        {
            throw new StorageException(StorageErrorCode.NotFound, "Nextcloud file ids are numbers; there is no such file.");
        }

        var context = await _connection.ResolveAsync(actor, cancellationToken).ConfigureAwait(false);
        using var request = _connection.CreateOcsRequest(HttpMethod.Get, _connection.Uris.FileInfo(fileId.Value), context);
        using var response = await _connection.SendAsync(request, operation, cancellationToken).ConfigureAwait(false);
        var body = await _connection.ReadOcsAsync(response, OcsJsonContext.Default.OcsFileInfoResponse, b => b.Ocs?.Meta, operation, cancellationToken).ConfigureAwait(false);
        var info = body.Ocs?.Data ?? throw _connection.Failed(NextcloudErrors.InvalidResponse(operation, (int)response.StatusCode, "an OCS answer without file information"), operation);
        if (info.StatusCode != 200 && info.Unreadable is null)
        {
            throw _connection.Failed(NextcloudErrors.FromOcs(operation, info.StatusCode, (int)response.StatusCode, info.Status), operation);
        }

        return ToItem(info, operation, (int)response.StatusCode);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<FileId, FileInfoResult>> GetFileInfosAsync(StorageActor actor, IReadOnlyCollection<FileId> fileIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileIds);
        var results = new ConcurrentDictionary<FileId, FileInfoResult>();
        var numeric = new List<(FileId Id, long Number)>();
        foreach (var fileId in fileIds.Distinct())
        {
            if (TryParseId(fileId, out var number))
            {
                numeric.Add((fileId, number));
            }
            else
            {
                results[fileId] = FileInfoResult.NotFound(fileId);
            }
        }

        if (numeric.Count == 0)
        {
            return results;
        }

        var options = _connection.Options;
        var context = await _connection.ResolveAsync(actor, cancellationToken).ConfigureAwait(false);
        var batches = numeric.Chunk(Math.Max(1, options.FilesInfoBatchSize));
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.FilesInfoMaxConcurrency), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(batches, parallel, async (batch, token) =>
        {
            foreach (var result in await GetFilesInfoBatchAsync(context, batch, token).ConfigureAwait(false))
            {
                results[result.Id] = result;
            }
        }).ConfigureAwait(false);
        return results;
    }

    /// <inheritdoc/>
    public Uri GetOpenLink(FileId fileId, OpenLinkTarget target) =>
        _connection.Uris.OpenFile(fileId, target == OpenLinkTarget.File);

    /// <inheritdoc/>
    public async Task<Uri> GetDownloadLinkAsync(StorageActor actor, FileId fileId, CancellationToken cancellationToken = default)
    {
        const string operation = "creating a download link";
        if (!TryParseId(fileId, out var number))
        {
            throw new StorageException(StorageErrorCode.NotFound, "Nextcloud file ids are numbers; there is no such file.");
        }

        var context = await _connection.ResolveAsync(actor, cancellationToken).ConfigureAwait(false);
        using var request = _connection.CreateOcsRequest(HttpMethod.Post, _connection.Uris.DirectDownload(), context);
        request.Content = new FormUrlEncodedContent([new("fileId", number.ToString(CultureInfo.InvariantCulture))]);
        using var response = await _connection.SendAsync(request, operation, cancellationToken).ConfigureAwait(false);
        var body = await _connection.ReadOcsAsync(response, OcsJsonContext.Default.OcsDirectDownloadResponse, b => b.Ocs?.Meta, operation, cancellationToken).ConfigureAwait(false);
        if (!Uri.TryCreate(body.Ocs?.Data?.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw _connection.Failed(NextcloudErrors.InvalidResponse(operation, (int)response.StatusCode, "an answer without a download URL"), operation);
        }

        return url;
    }

    /// <inheritdoc/>
    public async Task<Stream> OpenReadAsync(StorageActor actor, FileId fileId, CancellationToken cancellationToken = default)
    {
        const string operation = "downloading a file";
        var item = await GetFileInfoAsync(actor, fileId, cancellationToken).ConfigureAwait(false);
        if (item.IsFolder)
        {
            throw new StorageException(StorageErrorCode.InvalidRequest, "A folder cannot be downloaded as a stream.");
        }

        var context = await _connection.ResolveAsync(actor, cancellationToken).ConfigureAwait(false);
        var request = _connection.CreateRequest(HttpMethod.Get, _connection.Uris.Files(context.StorageUserId, item.Location), context);
        HttpResponseMessage? response = null;
        try
        {
            response = await _connection.SendAsync(request, operation, cancellationToken, ExchangeKind.Download).ConfigureAwait(false);
            await _connection.EnsureDavSuccessAsync(response, operation, cancellationToken).ConfigureAwait(false);
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var result = new ResponseStream(stream, response, request, Id);
            response = null;
            request = null;
            return result;
        }
        finally
        {
            response?.Dispose();
            request?.Dispose();
        }
    }

    /// <inheritdoc/>
    public async Task<StorageItem> CreateFolderAsync(StorageActor actor, StoragePath parent, string name, CancellationToken cancellationToken = default)
    {
        const string operation = "creating a folder";
        var path = parent.Combine(name);
        var context = await _connection.ResolveAsync(actor, cancellationToken).ConfigureAwait(false);
        using (var request = _connection.CreateRequest(NextcloudConnection.Mkcol, _connection.Uris.Files(context.StorageUserId, path), context))
        {
            using var response = await _connection.SendAsync(request, operation, cancellationToken).ConfigureAwait(false);
            await _connection.EnsureDavSuccessAsync(response, operation, cancellationToken, parentMissingOn404: true).ConfigureAwait(false);
        }

        return await _connection.ReadItemAsync(context, path, operation, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<StorageItem> MoveAsync(StorageActor actor, StoragePath source, StoragePath destination, CancellationToken cancellationToken = default)
    {
        const string operation = "moving an item";
        if (source.IsRoot || destination.IsRoot)
        {
            throw new StorageException(StorageErrorCode.InvalidRequest, "The root folder cannot be moved, and nothing can replace it.");
        }

        var context = await _connection.ResolveAsync(actor, cancellationToken).ConfigureAwait(false);
        var uris = _connection.Uris;
        using (var request = _connection.CreateRequest(NextcloudConnection.Move, uris.Files(context.StorageUserId, source), context))
        {
            request.Headers.Add("Destination", uris.Files(context.StorageUserId, destination).AbsoluteUri);
            request.Headers.Add("Overwrite", "F");
            using var response = await _connection.SendAsync(request, operation, cancellationToken).ConfigureAwait(false);
            await _connection.EnsureDavSuccessAsync(response, operation, cancellationToken).ConfigureAwait(false);
        }

        return await _connection.ReadItemAsync(context, destination, operation, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task DeleteAsync(StorageActor actor, StoragePath path, CancellationToken cancellationToken = default)
    {
        const string operation = "deleting an item";
        if (path.IsRoot)
        {
            throw new StorageException(StorageErrorCode.InvalidRequest, "The root folder cannot be deleted.");
        }

        var context = await _connection.ResolveAsync(actor, cancellationToken).ConfigureAwait(false);
        using var request = _connection.CreateRequest(HttpMethod.Delete, _connection.Uris.Files(context.StorageUserId, path), context);
        using var response = await _connection.SendAsync(request, operation, cancellationToken).ConfigureAwait(false);
        await _connection.EnsureDavSuccessAsync(response, operation, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<StorageItem> UploadAsync(StorageActor actor, StoragePath folder, string fileName, Stream content, NameConflictPolicy conflictPolicy = NameConflictPolicy.Fail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!StoragePath.IsValidName(fileName))
        {
            throw new ArgumentException("The file name must be one valid path segment.", nameof(fileName));
        }

        return await StorageTelemetry.TraceAsync("upload", Id, async () =>
        {
            var context = await _connection.ResolveAsync(actor, cancellationToken).ConfigureAwait(false);
            var stored = await _uploader.UploadAsync(context, folder, fileName, content, conflictPolicy, cancellationToken).ConfigureAwait(false);
            StorageTelemetry.RecordTransfer(Id, "upload", stored.Size ?? 0);
            return stored;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The token names the folder only. The browser posts <c>multipart/form-data</c> with the part <c>file</c> (named
    /// <paramref name="fileName"/>) to the URL, once, with the <c>overwrite</c> field that says the conflict policy: none
    /// for <see cref="NameConflictPolicy.Fail"/> (an existing name is a 409), <c>false</c> for
    /// <see cref="NameConflictPolicy.KeepBoth"/> (Nextcloud numbers the name), <c>true</c> for
    /// <see cref="NameConflictPolicy.Overwrite"/>. The URL carries a one-time token: do not log it.
    /// </remarks>
    public async Task<UploadLink> CreateUploadLinkAsync(StorageActor actor, FileId folderId, string fileName, NameConflictPolicy conflictPolicy = NameConflictPolicy.Fail, CancellationToken cancellationToken = default)
    {
        const string operation = "creating an upload link";
        if (!StoragePath.IsValidName(fileName))
        {
            throw new ArgumentException("The file name must be one valid path segment.", nameof(fileName));
        }

        var formFields = DirectUploadFields(conflictPolicy);
        if (!TryParseId(folderId, out var number))
        {
            throw new StorageException(StorageErrorCode.NotFound, "Nextcloud folder ids are numbers; there is no such folder.");
        }

        var context = await _connection.ResolveAsync(actor, cancellationToken).ConfigureAwait(false);
        using var request = _connection.CreateRequest(HttpMethod.Post, _connection.Uris.DirectUploadToken(), context);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(new DirectUploadTokenRequest { FolderId = number }, OcsJsonContext.Default.DirectUploadTokenRequest))
        {
            Headers = { ContentType = JsonContentType },
        };
        using var response = await _connection.SendAsync(request, operation, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await AppErrorAsync(response, operation, cancellationToken).ConfigureAwait(false);
        }

        var body = await _connection.ReadJsonAsync(response, OcsJsonContext.Default.DirectUploadTokenResponse, operation, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(body.Token) || !StoragePath.IsValidName(body.Token))
        {
            throw _connection.Failed(NextcloudErrors.InvalidResponse(operation, (int)response.StatusCode, "an answer without an upload token"), operation);
        }

        return new UploadLink
        {
            Url = _connection.Uris.DirectUpload(body.Token),
            Method = "POST",
            ExpiresAt = ExpiryOf(body, operation, (int)response.StatusCode),
            Protocol = UploadProtocol.MultipartForm,
            FileName = fileName,
            FileField = "file",
            FormFields = formFields,
        };
    }

    // The direct upload's "overwrite" field: absent refuses a taken name (409), "false" numbers it, "true" replaces.
    private static Dictionary<string, string> DirectUploadFields(NameConflictPolicy conflictPolicy) => conflictPolicy switch
    {
        NameConflictPolicy.Fail => [],
        NameConflictPolicy.KeepBoth => new() { ["overwrite"] = "false" },
        NameConflictPolicy.Overwrite => new() { ["overwrite"] = "true" },
        _ => throw new ArgumentOutOfRangeException(nameof(conflictPolicy), conflictPolicy, "Not a name conflict policy."),
    };

    /// <summary>
    /// Maps paths below a folder to their file ids (PROPFIND asking only for <c>oc:fileid</c>).
    /// The folder itself is included.
    /// </summary>
    /// <param name="actor">On whose behalf.</param>
    /// <param name="folder">Where to start.</param>
    /// <param name="depth">How deep to look.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Each path with its id.</returns>
    /// <exception cref="StorageException"><see cref="StorageErrorCode.NotFound"/> when the folder does not exist, or another failure.</exception>
    public async Task<IReadOnlyDictionary<StoragePath, FileId>> GetPathToIdMapAsync(StorageActor actor, StoragePath folder, PathMapDepth depth = PathMapDepth.Children, CancellationToken cancellationToken = default)
    {
        const string operation = "mapping paths to file ids";
        var context = await _connection.ResolveAsync(actor, cancellationToken).ConfigureAwait(false);
        var header = depth switch
        {
            PathMapDepth.Self => "0",
            PathMapDepth.All => "infinity",
            _ => "1",
        };
        var resources = await _connection.PropfindAsync(context, folder, header, PropfindBodies.IdsOnly, operation, cancellationToken).ConfigureAwait(false);
        var map = new Dictionary<StoragePath, FileId>(resources.Count);
        foreach (var resource in resources)
        {
            var item = _connection.ToItem(resource, context, operation);
            map[item.Location] = item.Id;
        }

        return map;
    }

    private async Task<IEnumerable<FileInfoResult>> GetFilesInfoBatchAsync(NextcloudRequestContext context, (FileId Id, long Number)[] batch, CancellationToken cancellationToken)
    {
        const string operation = "reading file information";
        var body = JsonSerializer.SerializeToUtf8Bytes(new OcsFilesInfoRequest { FileIds = Array.ConvertAll(batch, entry => entry.Number) }, OcsJsonContext.Default.OcsFilesInfoRequest);
        using var request = _connection.CreateOcsRequest(HttpMethod.Post, _connection.Uris.FilesInfo(), context);
        request.Content = new ByteArrayContent(body) { Headers = { ContentType = JsonContentType } };
        using var response = await _connection.SendAsync(request, operation, cancellationToken).ConfigureAwait(false);
        var answer = await _connection.ReadOcsAsync(response, OcsJsonContext.Default.OcsFilesInfoResponse, b => b.Ocs?.Meta, operation, cancellationToken).ConfigureAwait(false);
        var data = answer.Ocs?.Data ?? throw _connection.Failed(NextcloudErrors.InvalidResponse(operation, (int)response.StatusCode, "an OCS answer without file information"), operation);
        var status = (int)response.StatusCode;
        var results = new List<FileInfoResult>(batch.Length);
        for (var i = 0; i < batch.Length; i++)
        {
            var (id, number) = batch[i];
            OcsFileInfo? entry = null;
            if (data.ById is { } byId)
            {
                byId.TryGetValue(number.ToString(CultureInfo.InvariantCulture), out entry);
            }
            else if (data.InOrder is { } inOrder && i < inOrder.Count)
            {
                entry = inOrder[i];
            }

            results.Add(entry switch
            {
                null => FileInfoResult.Failed(id, NextcloudErrors.InvalidResponse(operation, status, "no entry for a requested file id")),
                { StatusCode: 200 } or { Unreadable: not null } => Found(id, entry, operation, status),
                { StatusCode: 403 } => FileInfoResult.Forbidden(id),
                { StatusCode: 404 } => FileInfoResult.NotFound(id),
                _ => FileInfoResult.Failed(id, NextcloudErrors.FromOcs(operation, entry.StatusCode, status, entry.Status)),
            });
        }

        return results;
    }

    private static FileInfoResult Found(FileId id, OcsFileInfo entry, string operation, int status)
    {
        try
        {
            var item = StorageItemMapper.FromFileInfo(entry);
            return new FileInfoResult { Id = id, Status = FileInfoStatus.Found, Item = item };
        }
        catch (InvalidDataException ex)
        {
            return FileInfoResult.Failed(id, NextcloudErrors.InvalidResponse(operation, status, "an unusable file information entry", inner: ex));
        }
    }

    /// <summary>The upload token's <c>expires_on</c>; without one, an hour (the integration app's own lifetime).</summary>
    private DateTimeOffset ExpiryOf(DirectUploadTokenResponse body, string operation, int status)
    {
        try
        {
            return ServerValues.UnixSecondsOrNone(body.ExpiresOn, "expires_on") ?? DateTimeOffset.UtcNow.AddHours(1);
        }
        catch (InvalidDataException ex)
        {
            throw _connection.Failed(NextcloudErrors.InvalidResponse(operation, status, "an upload token whose expiry is not a date", inner: ex), operation);
        }
    }

    private StorageItem ToItem(OcsFileInfo info, string operation, int status)
    {
        try
        {
            return StorageItemMapper.FromFileInfo(info);
        }
        catch (InvalidDataException ex)
        {
            throw _connection.Failed(NextcloudErrors.InvalidResponse(operation, status, "an unusable file information entry", inner: ex), operation);
        }
    }

    /// <summary>The integration app's plain JSON errors (<c>{"error": "..."}</c>), mapped like WebDAV statuses.</summary>
    private async Task<StorageException> AppErrorAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        string? detail = null;
        if (response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                var bytes = await Internal.LimitedBody.ReadAsync(response.Content, cancellationToken).ConfigureAwait(false);
                var error = JsonSerializer.Deserialize(bytes, OcsJsonContext.Default.AppErrorResponse);
                detail = string.IsNullOrWhiteSpace(error?.Error) ? error?.Message : error.Error;
            }
            catch (JsonException)
            {
                detail = null;
            }
        }

        return _connection.Failed(NextcloudErrors.FromDav(operation, response.StatusCode, string.IsNullOrWhiteSpace(detail) ? null : detail), operation);
    }

    private StorageException NotAFolder(string operation) =>
        _connection.Failed(new StorageException(StorageErrorCode.InvalidRequest, "The path to list is a file, not a folder.", 207), operation);

    private static bool TryParseId(FileId fileId, out long number) =>
        long.TryParse(fileId.Value, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0;
}
