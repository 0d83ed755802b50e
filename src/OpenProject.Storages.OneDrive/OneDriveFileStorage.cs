using System.Globalization;
using System.Text.Json;
using OpenProject.Storages.OneDrive.Internal;

namespace OpenProject.Storages.OneDrive;

/// <summary>
/// A OneDrive/SharePoint drive through Microsoft Graph, on behalf of users who connected their Microsoft account:
/// folder listings (following <c>@odata.nextLink</c>), file information, bulk file information through Graph
/// <c>$batch</c> (20 items a request, each item's outcome a value), downloads, folder management, path maps and
/// server-side uploads (one <c>PUT</c> for small files, an upload session in ranges for large ones).
/// </summary>
public sealed partial class OneDriveFileStorage : IFileStorage, IFileDownloads, IFileManagement, IFileUploads, IBrowserUploads, IPathToIdMapping, IStreamingFolderListing
{
    /// <summary>Graph answers at most 20 requests in one <c>$batch</c>.</summary>
    public const int MaxBatchSize = 20;

    private readonly GraphConnection _graph;
    private readonly OneDriveStorageOptions _options;
    private readonly AppTokens _appTokens;
    private readonly TimeProvider _time;

    /// <summary>Creates the storage.</summary>
    /// <param name="id">The host's id of this storage.</param>
    /// <param name="options">The drive and limits; validated here and not read again.</param>
    /// <param name="httpClientFactory">Creates the client named <paramref name="httpClientName"/> per request.</param>
    /// <param name="httpClientName">The named client for Graph.</param>
    /// <param name="tokens">Hands out each user's Graph access token.</param>
    /// <param name="timeProvider">The clock for <c>Retry-After</c> waits; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The options are not valid.</exception>
    public OneDriveFileStorage(StorageId id, OneDriveStorageOptions options, IHttpClientFactory httpClientFactory, string httpClientName, IStorageAccessTokenProvider tokens, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(httpClientName);
        ArgumentNullException.ThrowIfNull(tokens);
        options.Validate();
        Id = id;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _graph = new GraphConnection(id, options, httpClientFactory, httpClientName, tokens, _time);
        _appTokens = new AppTokens(options, _graph, _time);
        _graph.AppToken = _appTokens.GetTokenAsync;
    }

    /// <inheritdoc/>
    public StorageId Id { get; }

    /// <summary>The Graph exchange, shared with <see cref="ProjectFolders.OneDriveProjectFolderStorage"/> (one app token cache).</summary>
    internal GraphConnection Graph => _graph;

    internal OneDriveStorageOptions Options => _options;

    /// <inheritdoc/>
    public string ProductName => "OneDrive";

    /// <inheritdoc/>
    public async Task<FolderListing> ListFolderAsync(StorageActor actor, StoragePath folder, CancellationToken cancellationToken = default)
    {
        const string Operation = "list a folder";
        var folderItem = await GetItemAsync(actor, DriveItems.ByPath(_options.DriveId, folder), Operation, cancellationToken).ConfigureAwait(false);
        if (!folderItem.IsFolder)
        {
            throw new StorageException(StorageErrorCode.InvalidRequest, "The path names a file, not a folder; only folders can be listed.");
        }

        var children = new List<StorageItem>();
        await foreach (var child in ReadChildrenAsync(actor, folderItem.Id, Operation, cancellationToken).ConfigureAwait(false))
        {
            if (children.Count >= _options.MaxListingChildren)
            {
                throw TooManyChildren();
            }

            children.Add(child);
        }

        children.Sort(static (left, right) => left.IsFolder != right.IsFolder
            ? (left.IsFolder ? -1 : 1)
            : string.CompareOrdinal(left.Name, right.Name));
        return new FolderListing { Folder = folderItem, Children = children, Ancestors = folderItem.Location.Ancestors };
    }

    /// <inheritdoc/>
    /// <remarks>The folder by path, then its children pages as Graph sends them (ordered by Graph, not sorted), without a cap.</remarks>
    public async IAsyncEnumerable<StorageItem> EnumerateFolderAsync(StorageActor actor, StoragePath folder, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        const string Operation = "list a folder";
        var folderItem = await GetFolderAsync(actor, folder, Operation, cancellationToken).ConfigureAwait(false);
        await foreach (var child in ReadChildrenAsync(actor, folderItem.Id, Operation, cancellationToken).ConfigureAwait(false))
        {
            yield return child;
        }
    }

    /// <inheritdoc/>
    public async Task<StorageItem> GetFileInfoAsync(StorageActor actor, FileId fileId, CancellationToken cancellationToken = default)
    {
        if (!DriveItems.IsPlausibleId(fileId))
        {
            throw new StorageException(StorageErrorCode.NotFound, "OneDrive has no item with that id.", 404);
        }

        try
        {
            return await GetItemAsync(actor, DriveItems.ById(_options.DriveId, fileId), "read file information", cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException missing) when (missing.Code == StorageErrorCode.NotFound)
        {
            if ((await VisibleToAppAsync([fileId], cancellationToken).ConfigureAwait(false)).Count == 1)
            {
                throw new StorageException(StorageErrorCode.Forbidden, "The item exists in OneDrive, but the user may not see it.", 403, innerException: missing);
            }

            throw;
        }
    }

    /// <summary>
    /// Which of these ids the app's own token can see. Graph answers 404 for an item the user may not see; as OpenProject,
    /// the provider asks again with the app-only token (when configured) to tell "forbidden" from "not found". Any
    /// failure of that second read leaves the items not found.
    /// </summary>
    private async Task<HashSet<FileId>> VisibleToAppAsync(List<FileId> ids, CancellationToken cancellationToken)
    {
        var visible = new HashSet<FileId>();
        if (ids.Count == 0 || !_appTokens.IsConfigured)
        {
            return visible;
        }

        try
        {
            var token = (await _appTokens.GetAsync(cancellationToken).ConfigureAwait(false)).Token;
            if (token is null)
            {
                return visible;
            }

            foreach (var chunk in ids.Chunk(MaxBatchSize))
            {
                foreach (var (id, result) in await ReadBatchAsync(StorageActor.TechnicalUser, chunk, cancellationToken, token).ConfigureAwait(false))
                {
                    if (result.Status == FileInfoStatus.Found)
                    {
                        visible.Add(id);
                    }
                }
            }
        }
        catch (StorageException)
        {
            // Not knowing better, the items stay "not found" for the user.
        }

        return visible;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<FileId, FileInfoResult>> GetFileInfosAsync(StorageActor actor, IReadOnlyCollection<FileId> fileIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileIds);
        var results = new Dictionary<FileId, FileInfoResult>();
        var asked = new List<FileId>();
        foreach (var id in fileIds.Distinct())
        {
            if (DriveItems.IsPlausibleId(id))
            {
                asked.Add(id);
            }
            else
            {
                results[id] = FileInfoResult.NotFound(id);
            }
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxBatchConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(asked.Chunk(MaxBatchSize), parallel, async (chunk, token) =>
        {
            var answers = await ReadBatchAsync(actor, chunk, token).ConfigureAwait(false);
            lock (results)
            {
                foreach (var (id, result) in answers)
                {
                    results[id] = result;
                }
            }
        }).ConfigureAwait(false);

        var missing = results.Where(entry => entry.Value.Status == FileInfoStatus.NotFound && DriveItems.IsPlausibleId(entry.Key)).Select(entry => entry.Key).ToList();
        foreach (var id in await VisibleToAppAsync(missing, cancellationToken).ConfigureAwait(false))
        {
            results[id] = FileInfoResult.Forbidden(id);
        }

        return results;
    }

    /// <inheritdoc/>
    /// <exception cref="StorageException"><see cref="StorageErrorCode.NotConfigured"/> without <see cref="OneDriveStorageOptions.OpenLinkBaseAddress"/>.</exception>
    public Uri GetOpenLink(FileId fileId, OpenLinkTarget target)
    {
        var baseAddress = _options.OpenLinkBaseAddress
            ?? throw new StorageException(StorageErrorCode.NotConfigured, "OneDrive open links need OneDriveStorageOptions.OpenLinkBaseAddress: a host endpoint that redirects to the item's web address.");
        var builder = new UriBuilder(baseAddress)
        {
            Query = $"fileId={Uri.EscapeDataString(fileId.Value ?? string.Empty)}&target={(target == OpenLinkTarget.File ? "file" : "location")}",
        };
        return builder.Uri;
    }

    /// <summary>
    /// The web address of an item, or of the folder that contains it, as the user's browser opens it in OneDrive
    /// or SharePoint (what the host endpoint behind <see cref="OneDriveStorageOptions.OpenLinkBaseAddress"/> redirects to).
    /// </summary>
    /// <param name="actor">On whose behalf.</param>
    /// <param name="fileId">The item.</param>
    /// <param name="target">The item itself or its folder.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The web address.</returns>
    /// <exception cref="StorageException"><see cref="StorageErrorCode.NotFound"/>, <see cref="StorageErrorCode.Unauthorized"/> or a storage failure.</exception>
    public async Task<Uri> GetWebUrlAsync(StorageActor actor, FileId fileId, OpenLinkTarget target, CancellationToken cancellationToken = default)
    {
        const string Operation = "find an item's web address";
        if (!DriveItems.IsPlausibleId(fileId))
        {
            throw new StorageException(StorageErrorCode.NotFound, "OneDrive has no item with that id.", 404);
        }

        var item = await _graph.GetJsonAsync(actor, DriveItems.Resolve(_options, DriveItems.ById(_options.DriveId, fileId), "$select=id,webUrl,parentReference"), GraphJsonContext.Default.DriveItem, Operation, cancellationToken).ConfigureAwait(false);
        if (target == OpenLinkTarget.ContainingFolder)
        {
            var parentId = item.ParentReference?.Id is { } id && DriveItems.IsPlausibleId(new FileId(id))
                ? new FileId(id)
                : throw new StorageException(StorageErrorCode.InvalidResponse, "Microsoft Graph answered without the item's parent.");
            item = await _graph.GetJsonAsync(actor, DriveItems.Resolve(_options, DriveItems.ById(_options.DriveId, parentId), "$select=id,webUrl"), GraphJsonContext.Default.DriveItem, Operation, cancellationToken).ConfigureAwait(false);
        }

        return Uri.TryCreate(item.WebUrl, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps
            ? url
            : throw new StorageException(StorageErrorCode.InvalidResponse, "Microsoft Graph answered without an https web address.");
    }

    /// <summary>A folder's children, page after page through <c>@odata.nextLink</c> (only links on the Graph host are followed).</summary>
    private async IAsyncEnumerable<StorageItem> ReadChildrenAsync(StorageActor actor, FileId folderId, string operation, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var next = DriveItems.Resolve(_options, DriveItems.ById(_options.DriveId, folderId) + "/children", DriveItems.SelectQuery(_options.PageSize));
        while (next is not null)
        {
            var page = await _graph.GetJsonAsync(actor, next, GraphJsonContext.Default.DriveItemPage, operation, cancellationToken).ConfigureAwait(false);
            foreach (var child in page.Value ?? [])
            {
                yield return DriveItems.ToStorageItem(child, operation);
            }

            next = page.NextLink is null ? null : OwnLink(page.NextLink, operation);
        }
    }

    private StorageException TooManyChildren() =>
        new(StorageErrorCode.InvalidResponse, string.Create(CultureInfo.InvariantCulture, $"The folder has more than {_options.MaxListingChildren} children, the most a listing collects."));

    private async Task<StorageItem> GetItemAsync(StorageActor actor, string relative, string operation, CancellationToken cancellationToken)
    {
        var item = await _graph.GetJsonAsync(actor, DriveItems.Resolve(_options, relative, DriveItems.SelectQuery()), GraphJsonContext.Default.DriveItem, operation, cancellationToken).ConfigureAwait(false);
        return DriveItems.ToStorageItem(item, operation);
    }

    /// <summary>One <c>$batch</c> of item reads, with the user's token, or with the app's when <paramref name="appToken"/> is given.</summary>
    private async Task<Dictionary<FileId, FileInfoResult>> ReadBatchAsync(StorageActor actor, FileId[] chunk, CancellationToken cancellationToken, string? appToken = null)
    {
        var results = new Dictionary<FileId, FileInfoResult>(chunk.Length);
        const string Operation = "read file information in bulk";
        var batch = new BatchRequest();
        for (var i = 0; i < chunk.Length; i++)
        {
            batch.Requests.Add(new BatchRequestItem
            {
                Id = i.ToString(CultureInfo.InvariantCulture),
                Method = "GET",
                Url = "/" + DriveItems.ById(_options.DriveId, chunk[i]) + "?" + DriveItems.SelectQuery(),
            });
        }

        var payload = JsonSerializer.SerializeToUtf8Bytes(batch, GraphJsonContext.Default.BatchRequest);
        HttpRequestMessage Request() => new(HttpMethod.Post, new Uri(_options.GraphBaseAddress, "$batch")) { Content = new ByteArrayContent(payload) { Headers = { ContentType = new("application/json") } } };
        BatchResponse response;
        if (appToken is null)
        {
            response = await _graph.SendJsonAsync(actor, Request, GraphJsonContext.Default.BatchResponse, Operation, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var answer = await _graph.SendAnonymousAsync(() => WithToken(Request(), appToken), Operation, cancellationToken).ConfigureAwait(false);
            response = answer.Status == 200 ? GraphConnection.Parse(answer.Body, GraphJsonContext.Default.BatchResponse, Operation) : throw GraphConnection.Failed(answer, Operation);
        }

        foreach (var answer in response.Responses ?? [])
        {
            if (!int.TryParse(answer.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index < 0 || index >= chunk.Length || results.ContainsKey(chunk[index]))
            {
                throw new StorageException(StorageErrorCode.InvalidResponse, "Microsoft Graph answered a batch with an unknown or repeated request id.");
            }

            var id = chunk[index];
            results[id] = answer.Status switch
            {
                >= 200 and < 300 => FileInfoResult.Found(ToBatchItem(answer.Body, Operation)),
                404 => FileInfoResult.NotFound(id),
                403 => FileInfoResult.Forbidden(id),

                // Not logged in is a failure of the whole request, as a single read would report it.
                401 => throw GraphErrors.ToException(401, ErrorOf(answer.Body), Operation),
                _ => FileInfoResult.Failed(id, GraphErrors.ToException(answer.Status, ErrorOf(answer.Body), Operation)),
            };
        }

        foreach (var id in chunk)
        {
            if (!results.ContainsKey(id))
            {
                results[id] = FileInfoResult.Failed(id, new StorageException(StorageErrorCode.InvalidResponse, "Microsoft Graph left an item of a batch unanswered."));
            }
        }

        return results;
    }

    private static StorageItem ToBatchItem(JsonElement body, string operation)
    {
        try
        {
            var item = body.Deserialize(GraphJsonContext.Default.DriveItem)
                ?? throw new StorageException(StorageErrorCode.InvalidResponse, "Microsoft Graph answered a batch item without a body.");
            return DriveItems.ToStorageItem(item, operation);
        }
        catch (JsonException exception)
        {
            throw new StorageException(StorageErrorCode.InvalidResponse, "Microsoft Graph answered a batch item with unexpected JSON.", innerException: exception);
        }
    }

    private static GraphError? ErrorOf(JsonElement body)
    {
        try
        {
            return body.ValueKind == JsonValueKind.Object ? body.Deserialize(GraphJsonContext.Default.GraphErrorBody)?.Error : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private Uri OwnLink(string link, string operation) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri) && _graph.IsOwnLink(uri)
            ? uri
            : throw new StorageException(StorageErrorCode.InvalidResponse, $"Microsoft Graph answered {operation} with a next page outside the Graph service; it is not followed.");
}
