using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace OpenProject.Storages.Nextcloud.Tests.StandIn;

/// <summary>
/// A stateful in-process Nextcloud 27 (with integration_openproject 2.8): one tree of files and folders
/// with stable numeric ids, mounted at the same path for every user (like a team folder), per-user
/// permissions below any node (like team folder ACLs: a user without read permission does not see the
/// node at all), Bearer tokens per user and the technical user's Basic credentials. It answers WebDAV
/// (PROPFIND, MKCOL, MOVE, DELETE, PUT, GET, chunked upload v2), the integration app's OCS v1
/// <c>fileinfo</c>/<c>filesinfo</c>, the OCS v2 direct download link and <c>direct-upload-token</c>, in
/// the shapes recorded from a real server (see <c>nextcloud-recordings/nextcloud-27</c>).
/// </summary>
internal sealed partial class StatefulNextcloud : HttpMessageHandler
{
    public const string InstanceId = "ockcsp661qa4";

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<long, StandInNode> _byId = [];
    private readonly Dictionary<string, string> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<(string User, long Node), StoragePermissions> _rules = [];
    private readonly Dictionary<string, UploadSession> _uploads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _directLinks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long FolderId, string User, DateTimeOffset ExpiresAt)> _uploadTokens = new(StringComparer.Ordinal);
    private long _nextId = 100;

    private int _chunkPutsInFlight;
    private int _maxChunkPutsInFlight;

    public StatefulNextcloud(Uri baseAddress, TimeProvider? time = null)
    {
        BaseAddress = baseAddress;
        _time = time ?? TimeProvider.System;
        Root = NewNode("files", null, isFolder: true, TechnicalUserName);
        _users[TechnicalUserName] = TechnicalUserName;
    }

    public Uri BaseAddress { get; }

    public string TechnicalUserName { get; init; } = "OpenProject";

    public string? TechnicalUserPassword { get; set; }

    public StandInNode Root { get; }

    /// <summary>Method, path below the base address and headers of each request (bodies are not kept).</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Chunked upload folders that were neither completed nor aborted.</summary>
    public int OpenUploadSessions
    {
        get
        {
            lock (_gate)
            {
                return _uploads.Count;
            }
        }
    }

    // ---- Arrangement (what someone working in Nextcloud would do) ----

    public void AddUser(string userId, string displayName)
    {
        lock (_gate)
        {
            _users[userId] = displayName;
        }
    }

    public void IssueToken(string userId, string token)
    {
        lock (_gate)
        {
            _tokens[token] = userId;
        }
    }

    public void RevokeToken(string token)
    {
        lock (_gate)
        {
            _tokens.Remove(token);
        }
    }

    public StandInNode AddFolder(StoragePath path, string ownerId = "alice") => Add(path, ownerId, content: null);

    public StandInNode AddFile(StoragePath path, ReadOnlySpan<byte> content, string ownerId = "alice") => Add(path, ownerId, content.ToArray());

    public void Remove(StoragePath path)
    {
        lock (_gate)
        {
            var node = Find(path) ?? throw new InvalidOperationException($"Nothing at {path} to remove.");
            Detach(node);
        }
    }

    /// <summary>Sets what <paramref name="userId"/> may do with the node at <paramref name="path"/> and below.</summary>
    public void Restrict(string userId, StoragePath path, StoragePermissions permissions)
    {
        lock (_gate)
        {
            var node = Find(path) ?? throw new InvalidOperationException($"Nothing at {path} to restrict.");
            _rules[(userId, node.Id)] = permissions;
        }
    }

    public StandInNode? Find(StoragePath path)
    {
        lock (_gate)
        {
            var node = Root;
            foreach (var segment in path.Segments)
            {
                if (!node.Children.TryGetValue(Normalize(segment), out var child))
                {
                    return null;
                }

                node = child;
            }

            return node;
        }
    }

    public StandInNode? FindById(long id)
    {
        lock (_gate)
        {
            return _byId.GetValueOrDefault(id);
        }
    }

    /// <summary>The permissions a user has on a node: the nearest rule at or above it, else everything.</summary>
    public StoragePermissions PermissionsOf(string userId, StandInNode node)
    {
        if (string.Equals(userId, TechnicalUserName, StringComparison.Ordinal))
        {
            return StoragePermissions.All;
        }

        for (var current = node; current is not null; current = current.Parent)
        {
            if (_rules.TryGetValue((userId, current.Id), out var permissions))
            {
                return permissions;
            }
        }

        return StoragePermissions.All;
    }

    /// <summary>Whether the user sees the node: it and every folder above it readable.</summary>
    private bool CanSee(string userId, StandInNode node)
    {
        for (var current = node; current is not null; current = current.Parent)
        {
            if (!PermissionsOf(userId, current).HasFlag(StoragePermissions.Read))
            {
                return false;
            }
        }

        return true;
    }

    private StandInNode Add(StoragePath path, string ownerId, byte[]? content)
    {
        lock (_gate)
        {
            if (path.IsRoot)
            {
                throw new InvalidOperationException("The root exists.");
            }

            var parent = Find(path.Parent) ?? throw new InvalidOperationException($"The folder {path.Parent} does not exist.");
            if (parent.Children.TryGetValue(Normalize(path.Name), out var existing))
            {
                if (content is null || existing.IsFolder)
                {
                    throw new InvalidOperationException($"{path} exists.");
                }

                existing.Content = content;
                existing.Version++;
                return existing;
            }

            var node = NewNode(path.Name, parent, content is null, ownerId);
            node.Content = content ?? [];
            return node;
        }
    }

    private StandInNode NewNode(string name, StandInNode? parent, bool isFolder, string ownerId)
    {
        var node = new StandInNode(_nextId++, Normalize(name), parent, isFolder, ownerId, _users.GetValueOrDefault(ownerId, ownerId), Now);
        _byId[node.Id] = node;
        parent?.Children.Add(node.Name, node);
        if (parent is not null)
        {
            parent.ModifiedAt = Now;
        }

        return node;
    }

    private void Detach(StandInNode node)
    {
        node.Parent?.Children.Remove(node.Name);
        foreach (var gone in node.SelfAndDescendants().ToList())
        {
            _byId.Remove(gone.Id);
        }

        node.Parent = null;
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Nextcloud stores paths in NFC (<c>Filesystem::normalizePath</c>).</summary>
    private static string Normalize(string name) => name.Normalize(NormalizationForm.FormC);

    private static string RandomToken(int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        return RandomNumberGenerator.GetString(alphabet, length);
    }

    // ---- HTTP ----

    /// <summary>
    /// A body limit in front of Nextcloud (a proxy's, PHP's): a plain PUT declaring a larger <c>Content-Length</c> is
    /// refused with 413 before its body is read; one without a length is read up to the limit, then refused.
    /// </summary>
    public long? PlainPutBodyLimit { get; set; }

    /// <summary>Refuses a plain PUT without <c>Content-Length</c> (<c>Transfer-Encoding: chunked</c>) with 411, unread, as some FastCGI set-ups do.</summary>
    public bool RequireContentLength { get; set; }

    /// <summary>Stores an empty file for a plain PUT without <c>Content-Length</c>, as PHP-FPM does behind a web server that does not buffer it.</summary>
    public bool LosesChunkedBodies { get; set; }

    /// <summary>How long each chunk PUT of a chunked upload takes, so that parallel chunks overlap.</summary>
    public TimeSpan ChunkPutDelay { get; set; }

    /// <summary>The chunk (<c>00003</c>) whose PUT fails with 507, to observe an abort.</summary>
    public string? FailingChunk { get; set; }

    /// <summary>In maintenance mode every request is answered 503 with Nextcloud's maintenance page, as when the server is down for an upgrade.</summary>
    public bool InMaintenance { get; set; }

    /// <summary>The most chunk PUTs seen in flight at once.</summary>
    public int MaxChunkPutsInFlight => Volatile.Read(ref _maxChunkPutsInFlight);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (InMaintenance)
        {
            var maintenance = Respond(HttpStatusCode.ServiceUnavailable, "<!DOCTYPE html>\n<html><head><title>Nextcloud</title></head><body>This Nextcloud instance is currently in maintenance mode, which may take a while.</body></html>"u8.ToArray(), "text/html; charset=UTF-8");
            maintenance.RequestMessage = request;
            return maintenance;
        }

        var path = RelativePath(request.RequestUri!);
        var plainPut = request.Method == HttpMethod.Put && path?.StartsWith("remote.php/dav/files/", StringComparison.Ordinal) == true;
        var chunkPut = request.Method == HttpMethod.Put && path?.StartsWith("remote.php/dav/uploads/", StringComparison.Ordinal) == true;
        if (plainPut && RefusedUnread(request) is { } refused)
        {
            Requests.Enqueue(new RecordedRequest(request.Method.Method, request.RequestUri!, new Dictionary<string, string>(), []) { RelativePath = path! });
            refused.RequestMessage = request;
            return refused;
        }

        // Read before the body: buffering it makes HttpContent compute a length it was not sent with.
        var sentWithoutLength = request.Content is not null && request.Content.Headers.ContentLength is null;
        if (chunkPut)
        {
            var inFlight = Interlocked.Increment(ref _chunkPutsInFlight);
            for (var seen = Volatile.Read(ref _maxChunkPutsInFlight); inFlight > seen; seen = Volatile.Read(ref _maxChunkPutsInFlight))
            {
                Interlocked.CompareExchange(ref _maxChunkPutsInFlight, inFlight, seen);
            }
        }

        byte[] body;
        try
        {
            if (chunkPut && ChunkPutDelay > TimeSpan.Zero)
            {
                await Task.Delay(ChunkPutDelay, cancellationToken);
            }

            body = request.Content is null ? [] : await ReadBodyAsync(request.Content, plainPut ? PlainPutBodyLimit : null, cancellationToken);
        }
        finally
        {
            if (chunkPut)
            {
                Interlocked.Decrement(ref _chunkPutsInFlight);
            }
        }

        if (plainPut && LosesChunkedBodies && sentWithoutLength)
        {
            body = [];
        }

        if (plainPut && body.LongLength > PlainPutBodyLimit)
        {
            Requests.Enqueue(new RecordedRequest(request.Method.Method, request.RequestUri!, new Dictionary<string, string>(), []) { RelativePath = path! });
            return SabreError(HttpStatusCode.RequestEntityTooLarge, "RequestEntityTooLarge", "Request body too large");
        }

        if (chunkPut && FailingChunk is { } failing && path!.EndsWith("/" + failing, StringComparison.Ordinal))
        {
            return SabreError(HttpStatusCode.InsufficientStorage, "InsufficientStorage", "Insufficient space");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            headers[header.Key] = string.Join(", ", header.Value);
        }

        var uri = request.RequestUri!;
        var relative = RelativePath(uri);
        var recorded = new RecordedRequest(request.Method.Method, uri, headers, []) { RelativePath = relative ?? string.Empty };
        Requests.Enqueue(recorded);

        HttpResponseMessage response;
        lock (_gate)
        {
            response = relative is null ? Html(HttpStatusCode.NotFound) : Route(recorded, body);
        }

        response.RequestMessage = request;
        return response;
    }

    private HttpResponseMessage? RefusedUnread(HttpRequestMessage request)
    {
        var length = request.Content?.Headers.ContentLength;
        if (length is null && RequireContentLength)
        {
            return Html(HttpStatusCode.LengthRequired);
        }

        return length > PlainPutBodyLimit ? SabreError(HttpStatusCode.RequestEntityTooLarge, "RequestEntityTooLarge", "Request body too large") : null;
    }

    /// <summary>The body, or (with a limit) no more of it than one byte past the limit, as a server stops reading there.</summary>
    private static async Task<byte[]> ReadBodyAsync(HttpContent content, long? limit, CancellationToken cancellationToken)
    {
        if (limit is null)
        {
            return await content.ReadAsByteArrayAsync(cancellationToken);
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[limit.Value + 1];
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
        {
            filled += read;
        }

        return buffer[..filled];
    }

    /// <summary>The escaped path below the base address, or <see langword="null"/> when the request is for another host or path.</summary>
    private string? RelativePath(Uri uri)
    {
        if (!string.Equals(uri.Authority, BaseAddress.Authority, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var basePath = BaseAddress.AbsolutePath.EndsWith('/') ? BaseAddress.AbsolutePath : BaseAddress.AbsolutePath + "/";
        var path = "/" + uri.GetComponents(UriComponents.Path, UriFormat.UriEscaped);
        return path.StartsWith(basePath, StringComparison.Ordinal) ? path[basePath.Length..] : null;
    }

    private HttpResponseMessage Route(RecordedRequest request, byte[] body)
    {
        var path = request.RelativePath;
        if (path.StartsWith("remote.php/direct/", StringComparison.Ordinal) && request.Method == "GET")
        {
            return DirectDownload(path["remote.php/direct/".Length..]);
        }

        if (path.StartsWith(OAuthPrefix, StringComparison.Ordinal))
        {
            return OAuth(request, body);
        }

        var user = Authenticate(request.Header("Authorization"));
        if (path.StartsWith("remote.php/dav/", StringComparison.Ordinal))
        {
            if (user is null)
            {
                return NotAuthenticated();
            }

            if (TrySplit(path, "remote.php/dav/files/", out var owner, out var rest))
            {
                return Files(request, body, user, owner, rest);
            }

            if (TrySplit(path, "remote.php/dav/uploads/", out owner, out rest))
            {
                return Uploads(request, body, user, owner, rest);
            }

            return SabreError(HttpStatusCode.NotFound, "NotFound", "File with name " + path + " could not be located");
        }

        if (path.StartsWith("ocs/", StringComparison.Ordinal))
        {
            var v2 = path.StartsWith("ocs/v2.php/", StringComparison.Ordinal);
            if (user is null)
            {
                return OcsFailure(v2, HttpStatusCode.Unauthorized, 997, "Current user is not logged in");
            }

            return path switch
            {
                _ when request.Method == "GET" && path.StartsWith("ocs/v1.php/apps/integration_openproject/fileinfo/", StringComparison.Ordinal)
                    => FileInfo(user, path["ocs/v1.php/apps/integration_openproject/fileinfo/".Length..]),
                "ocs/v1.php/apps/integration_openproject/filesinfo" when request.Method == "POST" => FilesInfo(user, body),
                "ocs/v2.php/apps/dav/api/v1/direct" when request.Method == "POST" => CreateDirectLink(user, body),
                "ocs/v2.php/cloud/user" when request.Method == "GET" => CurrentUser(user),
                _ => OcsFailure(v2, v2 ? HttpStatusCode.NotFound : HttpStatusCode.OK, 998, "Invalid query, please check the syntax. API specifications are here: http://www.freedesktop.org/wiki/Specifications/open-collaboration-services."),
            };
        }

        if (path == "index.php/apps/integration_openproject/direct-upload-token" && request.Method == "POST")
        {
            return user is null
                ? Json(HttpStatusCode.Unauthorized, """{"message":"Current user is not logged in"}""")
                : CreateUploadToken(user, body);
        }

        return Html(HttpStatusCode.NotFound);
    }

    private string? Authenticate(string? authorization)
    {
        if (authorization is null)
        {
            return null;
        }

        if (authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return _tokens.GetValueOrDefault(authorization["Bearer ".Length..]);
        }

        if (authorization.StartsWith("Basic ", StringComparison.Ordinal) && TechnicalUserPassword is not null)
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..]));
            }
            catch (FormatException)
            {
                return null;
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon > 0
                && string.Equals(decoded[..colon], TechnicalUserName, StringComparison.Ordinal)
                && string.Equals(decoded[(colon + 1)..], TechnicalUserPassword, StringComparison.Ordinal)
                    ? TechnicalUserName
                    : null;
        }

        return null;
    }

    /// <summary><c>remote.php/dav/files/alice/a/b</c> → <c>alice</c>, <c>a/b</c>.</summary>
    private static bool TrySplit(string path, string prefix, out string owner, out string rest)
    {
        owner = rest = string.Empty;
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var tail = path[prefix.Length..];
        var slash = tail.IndexOf('/', StringComparison.Ordinal);
        owner = Uri.UnescapeDataString(slash < 0 ? tail : tail[..slash]);
        rest = slash < 0 ? string.Empty : tail[(slash + 1)..];
        return owner.Length > 0;
    }

    private static StoragePath? ParsePath(string escaped)
    {
        try
        {
            return StoragePath.ParseEscaped(escaped);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The node at a path as a user sees it: <see langword="null"/> when missing or hidden from them.</summary>
    private StandInNode? Lookup(string user, StoragePath path)
    {
        var node = Find(path);
        return node is not null && CanSee(user, node) ? node : null;
    }

    private sealed class UploadSession(string user)
    {
        public string User { get; } = user;

        public SortedDictionary<string, byte[]> Chunks { get; } = new(StringComparer.Ordinal);
    }

    // ---- Response shapes ----

    private static HttpResponseMessage Respond(HttpStatusCode status, byte[]? body = null, string? contentType = null)
    {
        var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(body ?? []) };
        if (contentType is not null)
        {
            response.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return response;
    }

    private static HttpResponseMessage Xml(HttpStatusCode status, string body) =>
        Respond(status, Encoding.UTF8.GetBytes(body), "application/xml; charset=utf-8");

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        Respond(status, Encoding.UTF8.GetBytes(body), "application/json; charset=utf-8");

    private static HttpResponseMessage Html(HttpStatusCode status) =>
        Respond(status, "<!DOCTYPE html>\n<html><head><title>Nextcloud</title></head><body>Page not found</body></html>"u8.ToArray(), "text/html; charset=UTF-8");

    /// <summary>An empty <c>text/html</c> answer, as Sabre gives for a successful MKCOL, PUT or MOVE.</summary>
    private static HttpResponseMessage Done(HttpStatusCode status, StandInNode? node = null)
    {
        var response = Respond(status, [], "text/html; charset=UTF-8");
        if (node is not null)
        {
            response.Headers.TryAddWithoutValidation("OC-FileId", node.DavId);
            if (!node.IsFolder)
            {
                response.Headers.TryAddWithoutValidation("ETag", node.ETag);
                response.Headers.TryAddWithoutValidation("OC-ETag", node.ETag);
            }
        }

        return response;
    }

    private static HttpResponseMessage SabreError(HttpStatusCode status, string exception, string message, string? header = null)
    {
        var body = new StringBuilder()
            .Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<d:error xmlns:d=\"DAV:\" xmlns:s=\"http://sabredav.org/ns\">\n")
            .Append("  <s:exception>Sabre\\DAV\\Exception\\").Append(exception).Append("</s:exception>\n")
            .Append(message.Length == 0 ? "  <s:message/>\n" : "  <s:message>" + EscapeXml(message) + "</s:message>\n");
        if (header is not null)
        {
            body.Append("  <s:header>").Append(header).Append("</s:header>\n");
        }

        return Xml(status, body.Append("</d:error>\n").ToString());
    }

    private static HttpResponseMessage NotAuthenticated()
    {
        var response = SabreError(HttpStatusCode.Unauthorized, "NotAuthenticated", "No public access to this resource., No 'Authorization: Basic' header found. Either the client didn't send one, or the server is misconfigured, Bearer token was incorrect, No 'Authorization: Basic' header found. Either the client didn't send one, or the server is misconfigured");
        response.Headers.TryAddWithoutValidation("WWW-Authenticate", "Basic realm=\"Nextcloud\", charset=\"UTF-8\"");
        return response;
    }

    private static HttpResponseMessage NotFound(StoragePath path) =>
        SabreError(HttpStatusCode.NotFound, "NotFound", "File with name /" + path + " could not be located");

    private static HttpResponseMessage Forbidden() => SabreError(HttpStatusCode.Forbidden, "Forbidden", string.Empty);

    private static string EscapeXml(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\"", "&quot;", StringComparison.Ordinal);

    private static string Unix(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
