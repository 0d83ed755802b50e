using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Xml;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenProject.Storages.Nextcloud.Files;
using OpenProject.Storages.Nextcloud.Internal;
using OpenProject.Storages.Nextcloud.Ocs;
using OpenProject.Storages.Nextcloud.WebDav;
using OpenProject.Storages.Nextcloud.WebDav.Xml;
using Polly;

namespace OpenProject.Storages.Nextcloud.Http;

/// <summary>
/// Sends one storage's requests: a fresh <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/>
/// per request, the actor on <see cref="HttpRequestMessage.Options"/>, transport failures and
/// unreadable answers turned into <see cref="StorageException"/>s.
/// </summary>
internal sealed class NextcloudConnection
{
    public static readonly HttpMethod Propfind = new("PROPFIND");
    public static readonly HttpMethod Mkcol = new("MKCOL");
    public static readonly HttpMethod Move = new("MOVE");

    private static readonly MediaTypeHeaderValue XmlContentType = new("application/xml") { CharSet = "utf-8" };

    private readonly IHttpClientFactory _clients;
    private readonly IOptionsMonitor<NextcloudStorageOptions> _options;
    private readonly Func<IStorageAccessTokenProvider?> _tokenProvider;

    public NextcloudConnection(StorageId storageId, IHttpClientFactory clients, IOptionsMonitor<NextcloudStorageOptions> options, Func<IStorageAccessTokenProvider?> tokenProvider, ILogger logger)
    {
        StorageId = storageId;
        _clients = clients;
        _options = options;
        _tokenProvider = tokenProvider;
        Logger = logger;
    }

    public StorageId StorageId { get; }

    public ILogger Logger { get; }

    public NextcloudStorageOptions Options => _options.Get(StorageId.Value);

    public NextcloudUris Uris => new(Options.BaseAddress ?? throw new StorageException(StorageErrorCode.NotConfigured, $"The Nextcloud storage '{StorageId}' has no BaseAddress."));

    /// <summary>The actor's Nextcloud user id, and for a user a token to reuse for the first request.</summary>
    public async ValueTask<NextcloudRequestContext> ResolveAsync(StorageActor actor, CancellationToken cancellationToken)
    {
        if (actor.User is not { } user)
        {
            var options = Options;
            if (string.IsNullOrEmpty(options.TechnicalUserAppPassword) || string.IsNullOrEmpty(options.TechnicalUserName))
            {
                throw NextcloudErrors.NoTechnicalUser();
            }

            return new NextcloudRequestContext(actor, options.TechnicalUserName);
        }

        var provider = _tokenProvider() ?? throw NextcloudErrors.NoTokenProvider();
        var token = await provider.GetAccessTokenAsync(StorageId, user, null, cancellationToken).ConfigureAwait(false);
        return new NextcloudRequestContext(actor, token.StorageUserId);
    }

    public HttpRequestMessage CreateRequest(HttpMethod method, Uri uri, NextcloudRequestContext context)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Options.Set(NextcloudRequestOptions.Actor, context.Actor);
        request.Options.Set(NextcloudRequestOptions.Storage, StorageId);
        request.Options.Set(NextcloudRequestOptions.MaxRetryAfter, Options.MaxRetryAfter);

        return request;
    }

    /// <summary>An OCS request: <c>OCS-APIRequest: true</c> and JSON wanted.</summary>
    public HttpRequestMessage CreateOcsRequest(HttpMethod method, Uri uri, NextcloudRequestContext context)
    {
        var request = CreateRequest(method, uri, context);
        request.Headers.Add("OCS-APIRequest", "true");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    /// <summary>
    /// Sends a request through <see cref="BoundedExchange"/>: a metadata request is bounded from the send to the
    /// last byte of its answer and its body by size; a transfer (<paramref name="kind"/>) by idleness.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string operation, CancellationToken cancellationToken, ExchangeKind kind = ExchangeKind.Metadata)
    {
        var client = _clients.CreateClient(kind != ExchangeKind.Metadata ? NextcloudHttpClientNames.Transfer(StorageId.Value) : NextcloudHttpClientNames.Api(StorageId.Value));
        HttpResponseMessage response;
        try
        {
            response = await BoundedExchange.SendAsync(client, request, ExchangeLimits.From(Options), operation, cancellationToken, kind).ConfigureAwait(false);
        }
        catch (StorageException ex)
        {
            Log.TransportFailed(Logger, StorageId, operation, ex.Code, ex);
            throw;
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            var error = NextcloudErrors.TimedOut(operation, ex);
            Log.TransportFailed(Logger, StorageId, operation, error.Code, ex);
            throw error;
        }
        catch (HttpRequestException ex)
        {
            // DNS, refused and reset connections, TLS failures; HttpClient puts no credentials in these messages.
            var error = NextcloudErrors.Unavailable(operation, null, null, ex);
            Log.TransportFailed(Logger, StorageId, operation, error.Code, ex);
            throw error;
        }
        catch (ExecutionRejectedException ex)
        {
            // Polly: attempt or total time-out, open circuit breaker, rate limiter.
            var error = NextcloudErrors.TimedOut(operation, ex);
            Log.TransportFailed(Logger, StorageId, operation, error.Code, ex);
            throw error;
        }

        if (NextcloudResilience.RetryAfterBeyondBound(response) is { } wish)
        {
            // Not retried (see NextcloudResilience): say what the server wished, so an operator can tell a long maintenance from a blip.
            var status = (int)response.StatusCode;
            response.Dispose();
            throw Failed(NextcloudErrors.RetryAfterTooLong(operation, status, wish, NextcloudResilience.MaxRetryAfterOf(request)), operation);
        }

        return response;
    }

    /// <summary>Throws the mapped error for a WebDAV answer that is not a success.</summary>
    public async Task EnsureDavSuccessAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken, bool parentMissingOn404 = false)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var detail = await SabreError.ReadDetailAsync(response.Content, cancellationToken).ConfigureAwait(false);
        throw Failed(NextcloudErrors.FromDav(operation, response.StatusCode, detail, parentMissingOn404), operation);
    }

    /// <summary>Logs and returns an error (to throw).</summary>
    public StorageException Failed(StorageException error, string operation)
    {
        var level = error.Code == StorageErrorCode.Unavailable || error.Code == StorageErrorCode.InvalidResponse || error.Code == StorageErrorCode.Unknown
            ? LogLevel.Warning
            : LogLevel.Debug;
        Log.OperationFailed(Logger, level, StorageId, operation, error.HttpStatus, error.Code);
        return error;
    }

    /// <summary>PROPFIND and read the multistatus as it arrives.</summary>
    public Task<List<DavResource>> PropfindAsync(NextcloudRequestContext context, StoragePath path, string depth, byte[] body, string operation, CancellationToken cancellationToken) =>
        PropfindAsync(context, path, depth, body, teamFolderProperties: false, operation, cancellationToken);

    /// <summary>PROPFIND and read the multistatus as it arrives, with the team folder properties when <paramref name="teamFolderProperties"/> is set.</summary>
    public async Task<List<DavResource>> PropfindAsync(NextcloudRequestContext context, StoragePath path, string depth, byte[] body, bool teamFolderProperties, string operation, CancellationToken cancellationToken)
    {
        using var request = CreatePropfind(context, path, depth, body);
        using var response = await SendAsync(request, operation, cancellationToken).ConfigureAwait(false);
        await EnsureDavSuccessAsync(response, operation, cancellationToken).ConfigureAwait(false);
        return await ReadMultiStatusAsync(response, teamFolderProperties, operation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// PROPFIND and hand out each response as it is parsed, holding one at a time whatever the body's size
    /// (no <see cref="NextcloudStorageOptions.MaxListingEntries"/> cap: nothing is collected). The request is
    /// sent when the enumeration starts. It is bounded like a download: by <see cref="NextcloudStorageOptions.TransferIdleTimeout"/>
    /// without a byte from Nextcloud while the caller reads, not by a total time or body size, which a folder of a
    /// million entries read at the caller's pace would exceed.
    /// </summary>
    public async IAsyncEnumerable<DavResource> PropfindStreamAsync(NextcloudRequestContext context, StoragePath path, string depth, byte[] body, string operation, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = CreatePropfind(context, path, depth, body);
        using var response = await SendAsync(request, operation, cancellationToken, ExchangeKind.Download).ConfigureAwait(false);
        await EnsureDavSuccessAsync(response, operation, cancellationToken).ConfigureAwait(false);
        await foreach (var resource in ReadResourcesAsync(response, teamFolderProperties: false, operation, cancellationToken).ConfigureAwait(false))
        {
            yield return resource;
        }
    }

    /// <summary>
    /// Reads a successful answer (PROPFIND, PROPPATCH) as a multistatus; anything else is an invalid answer.
    /// At most <see cref="NextcloudStorageOptions.MaxListingEntries"/> responses are collected: a longer answer is
    /// an invalid answer that names the limit, before it can take the process's memory.
    /// </summary>
    public async Task<List<DavResource>> ReadMultiStatusAsync(HttpResponseMessage response, bool teamFolderProperties, string operation, CancellationToken cancellationToken)
    {
        var limit = Options.MaxListingEntries;
        var resources = new List<DavResource>();
        await foreach (var resource in ReadResourcesAsync(response, teamFolderProperties, operation, cancellationToken).ConfigureAwait(false))
        {
            if (resources.Count >= limit)
            {
                throw Failed(NextcloudErrors.InvalidResponse(operation, 207, $"more than {limit.ToString("N0", CultureInfo.InvariantCulture)} entries, the most a listing collects (NextcloudStorageOptions.MaxListingEntries). Read a folder this large one entry at a time with IStreamingFolderListing.EnumerateFolderAsync, or raise the limit"), operation);
            }

            resources.Add(resource);
        }

        return resources;
    }

    /// <summary>PROPFIND <c>Depth: 0</c>: one item, as the actor sees it. The answer must be about <paramref name="path"/>, else it is an invalid answer.</summary>
    public async Task<StorageItem> ReadItemAsync(NextcloudRequestContext context, StoragePath path, string operation, CancellationToken cancellationToken)
    {
        var resources = await PropfindAsync(context, path, "0", PropfindBodies.Item, operation, cancellationToken).ConfigureAwait(false);
        if (resources.Count == 0)
        {
            throw Failed(NextcloudErrors.InvalidResponse(operation, 207, "an empty multistatus"), operation);
        }

        // Depth 0 answers for the path asked, nothing else: an answer naming another item is never taken for it.
        foreach (var resource in resources)
        {
            var item = ToItem(resource, context, operation);
            if (DavHref.SameItem(item.Location, path))
            {
                return item;
            }
        }

        throw Failed(NextcloudErrors.InvalidResponse(operation, 207, $"a multistatus about another item than '{path}'"), operation);
    }

    /// <summary>Maps one multistatus response; an unusable one is an invalid answer.</summary>
    public StorageItem ToItem(DavResource resource, NextcloudRequestContext context, string operation)
    {
        try
        {
            return StorageItemMapper.FromDav(resource, context.StorageUserId);
        }
        catch (InvalidDataException ex)
        {
            // A listing item has no error slot, so one unreadable entry fails the whole answer; the detail names the entry and why.
            var href = resource.Href.Length > 200 ? string.Concat(resource.Href.AsSpan(0, 200), "…") : resource.Href;
            throw Failed(NextcloudErrors.InvalidResponse(operation, 207, "a multistatus entry that could not be read (no file id, an unusable href or a value out of range)", $"{ex.Message} Entry: {href}", ex), operation);
        }
    }

    private HttpRequestMessage CreatePropfind(NextcloudRequestContext context, StoragePath path, string depth, byte[] body)
    {
        var request = CreateRequest(Propfind, Uris.Files(context.StorageUserId, path), context);
        request.Headers.Add("Depth", depth);
        request.Content = new ByteArrayContent(body) { Headers = { ContentType = XmlContentType } };
        return request;
    }

    /// <summary>Parses a multistatus one response at a time; a body that is not one, or is malformed or cut, is an invalid answer.</summary>
    private async IAsyncEnumerable<DavResource> ReadResourcesAsync(HttpResponseMessage response, bool teamFolderProperties, string operation, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.MultiStatus)
        {
            throw Failed(NextcloudErrors.InvalidResponse(operation, (int)response.StatusCode, $"HTTP {(int)response.StatusCode} instead of a 207 multistatus"), operation);
        }

        if (!SabreError.IsXml(response.Content))
        {
            throw Failed(NextcloudErrors.InvalidResponse(operation, 207, "a body that is not XML (an HTML page from a proxy?)"), operation);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            // A streamed listing has no body limit; one node (a name, a property) still has MaxResponseBodySize.
            var maxNode = (int)Math.Min(Options.MaxResponseBodySize, XmlInputBuffer.MaxNodeBytes);
            var resources = MultiStatusParser.ParseAsync(stream, teamFolderProperties, maxNode, cancellationToken).GetAsyncEnumerator(cancellationToken);
            await using (resources.ConfigureAwait(false))
            {
                while (await NextAsync(resources, operation).ConfigureAwait(false))
                {
                    yield return resources.Current;
                }
            }
        }
    }

    /// <summary>One step of the parser, its failures mapped (a <c>yield</c> cannot sit inside a <c>catch</c>-guarded block).</summary>
    private async ValueTask<bool> NextAsync(IAsyncEnumerator<DavResource> resources, string operation)
    {
        try
        {
            return await resources.MoveNextAsync().ConfigureAwait(false);
        }
        catch (XmlNodeTooLargeException ex)
        {
            throw Failed(NextcloudErrors.TooLarge(operation, ex.Limit), operation);
        }
        catch (XmlException ex)
        {
            throw Failed(NextcloudErrors.InvalidResponse(operation, 207, "a malformed or truncated multistatus", inner: ex), operation);
        }
        catch (InvalidDataException ex)
        {
            throw Failed(NextcloudErrors.InvalidResponse(operation, 207, "XML that is not a multistatus", inner: ex), operation);
        }
        catch (IOException ex)
        {
            throw Failed(NextcloudErrors.InvalidResponse(operation, 207, "a truncated multistatus", inner: ex), operation);
        }
    }

    /// <summary>
    /// Reads a JSON answer. A non-JSON body (OCS XML when the integration app is disabled, an HTML
    /// login or proxy page) and malformed or truncated JSON are <see cref="StorageErrorCode.InvalidResponse"/>.
    /// </summary>
    public async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, string operation, CancellationToken cancellationToken)
        where T : class
    {
        var status = (int)response.StatusCode;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is null || !(mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
        {
            if (SabreError.IsXml(response.Content))
            {
                var detail = await OcsXml.ReadMetaDetailAsync(response.Content, cancellationToken).ConfigureAwait(false);
                throw Failed(NextcloudErrors.InvalidResponse(operation, status, "XML where JSON was asked for (is the integration_openproject app enabled?)", detail), operation);
            }

            var what = mediaType is not null && mediaType.Contains("html", StringComparison.OrdinalIgnoreCase)
                ? "an HTML page where JSON was expected (a login page or a proxy?)"
                : "a body that is not JSON";
            throw Failed(NextcloudErrors.InvalidResponse(operation, status, what), operation);
        }

        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false)
                    ?? throw Failed(NextcloudErrors.InvalidResponse(operation, status, "an empty JSON body"), operation);
            }
        }
        catch (JsonException ex)
        {
            throw Failed(NextcloudErrors.InvalidResponse(operation, status, "malformed or truncated JSON", inner: ex), operation);
        }
        catch (IOException ex)
        {
            throw Failed(NextcloudErrors.InvalidResponse(operation, status, "a truncated body", inner: ex), operation);
        }
    }

    /// <summary>
    /// The checks every OCS answer gets before its body is read: 401 (OCS 997) and 5xx by HTTP status,
    /// then the envelope's <c>meta.statuscode</c>, which OCS v1 uses instead of the HTTP status.
    /// </summary>
    public async Task<TResponse> ReadOcsAsync<TResponse>(HttpResponseMessage response, JsonTypeInfo<TResponse> typeInfo, Func<TResponse, OcsMeta?> meta, string operation, CancellationToken cancellationToken)
        where TResponse : class
    {
        var status = (int)response.StatusCode;
        if (status == 401 || status >= 500 || (!response.IsSuccessStatusCode && !IsJson(response.Content)))
        {
            var detail = IsJson(response.Content) ? await ReadOcsMessageAsync(response.Content, cancellationToken).ConfigureAwait(false) : null;
            throw Failed(status == 401 ? NextcloudErrors.Unauthorized(operation, status, detail) : NextcloudErrors.FromOcs(operation, status, status, detail), operation);
        }

        var body = await ReadJsonAsync(response, typeInfo, operation, cancellationToken).ConfigureAwait(false);
        var envelope = meta(body) ?? throw Failed(NextcloudErrors.InvalidResponse(operation, status, "JSON without an OCS envelope"), operation);
        if (!envelope.IsSuccess)
        {
            throw Failed(NextcloudErrors.FromOcs(operation, envelope.StatusCode, status, Message(envelope)), operation);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw Failed(NextcloudErrors.FromOcs(operation, status, status, Message(envelope)), operation);
        }

        return body;
    }

    private static string? Message(OcsMeta meta) => string.IsNullOrWhiteSpace(meta.Message) ? null : meta.Message.Trim();

    private static bool IsJson(HttpContent content) =>
        content.Headers.ContentType?.MediaType is { } mediaType
        && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static async Task<string?> ReadOcsMessageAsync(HttpContent content, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await LimitedBody.ReadAsync(content, cancellationToken).ConfigureAwait(false);
            var body = JsonSerializer.Deserialize(bytes, OcsJsonContext.Default.OcsMetaOnlyResponse);
            return body?.Ocs?.Meta is { } meta ? Message(meta) : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
