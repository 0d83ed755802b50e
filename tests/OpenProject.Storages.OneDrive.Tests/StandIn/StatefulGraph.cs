using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace OpenProject.Storages.OneDrive.Tests.StandIn;

/// <summary>
/// An in-process Microsoft Graph for one drive, answering in the shapes of OpenProject's recorded Graph traffic:
/// driveItems with <c>parentReference.path</c> (<c>/drives/{id}/root:/A/B</c>, unescaped), children pages with
/// <c>@odata.nextLink</c> (<c>$skiptoken</c>), <c>$batch</c> with per-request statuses, <c>{"error":{"code":…}}</c>
/// bodies (401 <c>InvalidAuthenticationToken</c>, 404 <c>itemNotFound</c>), and 429 with <c>Retry-After</c> on demand.
/// Writes (folders, rename/move, delete, uploads) are in <c>StatefulGraph.Writes.cs</c>; the pre-authenticated
/// SharePoint addresses for downloads and upload sessions in <c>StatefulGraph.SharePoint.cs</c>.
/// </summary>
internal sealed partial class StatefulGraph : HttpMessageHandler
{
    public const string DriveId = "b!dmVLG22QlE2PSW0AqVB7UOhZ8n7tjkVGkgqLNnuw2OBb-brzKzZAR4DYT1k9KPXs";

    private readonly Dictionary<string, GraphNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _users = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _nextId;
    private int _throttled;

    public StatefulGraph(Uri graphBase)
    {
        GraphBase = graphBase;
        Root = new GraphNode { Id = NewId(), Name = "root", IsFolder = true, CreatedAt = Epoch, ModifiedAt = Epoch };
        _nodes.Add(Root.Id, Root);
        _permissions[Root.Id] = LibraryOwners();
    }

    public static DateTimeOffset Epoch { get; } = new(2024, 2, 1, 9, 30, 0, TimeSpan.Zero);

    public Uri GraphBase { get; }

    public GraphNode Root { get; }

    /// <summary>The most children one page holds, whatever <c>$top</c> asks for (Graph caps at 1,000).</summary>
    public int MaxPageSize { get; set; } = 1_000;

    /// <summary>The <c>Retry-After</c> seconds sent with the throttled answers.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    public int Requests { get; private set; }

    /// <summary>Answers the requests it matches (a non-null answer) instead of the drive: one kind of request failing.</summary>
    public Func<HttpRequestMessage, HttpResponseMessage?>? Fault { get; set; }

    /// <summary>The requests it matches never get an answer; the caller's timeout ends them.</summary>
    public Func<HttpRequestMessage, bool>? Stall { get; set; }

    public int BatchRequests { get; private set; }

    public void IssueToken(string token, string displayName)
    {
        lock (_gate)
        {
            _users[token] = displayName;
        }
    }

    public void RevokeToken(string token)
    {
        lock (_gate)
        {
            _users.Remove(token);
        }
    }

    /// <summary>The next <paramref name="count"/> requests are answered 429 <c>activityLimitReached</c>.</summary>
    public void ThrottleNext(int count) => Interlocked.Exchange(ref _throttled, count);

    public GraphNode? Find(StoragePath path)
    {
        lock (_gate)
        {
            var node = Root;
            foreach (var segment in path.Segments)
            {
                node = node.Children.Find(child => string.Equals(child.Name, segment, StringComparison.Ordinal));
                if (node is null)
                {
                    return null;
                }
            }

            return node;
        }
    }

    public GraphNode AddFolder(StoragePath path) => Add(path, isFolder: true, []);

    public GraphNode AddFile(StoragePath path, ReadOnlySpan<byte> content) => Add(path, isFolder: false, content.ToArray());

    public void Remove(StoragePath path)
    {
        lock (_gate)
        {
            var node = Find(path) ?? throw new InvalidOperationException($"{path} does not exist.");
            node.Parent!.Children.Remove(node);
            Forget(node);
        }
    }

    private void Forget(GraphNode node)
    {
        _nodes.Remove(node.Id);
        _permissions.Remove(node.Id);
        foreach (var child in node.Children)
        {
            Forget(child);
        }
    }

    private GraphNode Add(StoragePath path, bool isFolder, byte[] content)
    {
        lock (_gate)
        {
            var parent = Find(path.Parent) ?? throw new InvalidOperationException($"{path.Parent} does not exist.");
            return ChildNamed(parent, path.Name) is null
                ? AddChild(parent, path.Name, isFolder, content)
                : throw new InvalidOperationException($"{path} exists.");
        }
    }

    private GraphNode AddChild(GraphNode parent, string name, bool isFolder, byte[] content, string createdBy = "Alice Example")
    {
        var node = new GraphNode
        {
            Id = NewId(),
            Name = name,
            IsFolder = isFolder,
            Parent = parent,
            Content = content,
            MimeType = isFolder ? "application/octet-stream" : MimeOf(name),
            CreatedAt = Epoch,
            ModifiedAt = Epoch,
            CreatedBy = createdBy,
        };
        parent.Children.Add(node);
        _nodes.Add(node.Id, node);
        return node;
    }

    // SharePoint compares names without regard to case.
    private static GraphNode? ChildNamed(GraphNode parent, string name) =>
        parent.Children.Find(child => string.Equals(child.Name, name, StringComparison.OrdinalIgnoreCase));

    // Recorded item ids are 34 base32 characters starting with 01.
    private string NewId() => "01AZJL5P" + (++_nextId).ToString("D26", CultureInfo.InvariantCulture);

    // SharePoint derives the type from the extension.
    private static string MimeOf(string name) => System.IO.Path.GetExtension(name).ToUpperInvariant() switch
    {
        ".TXT" => "text/plain",
        ".MD" => "text/markdown",
        ".PDF" => "application/pdf",
        ".PNG" => "image/png",
        ".JPG" or ".JPEG" => "image/jpeg",
        ".DOCX" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/octet-stream",
    };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        await DelayTokenAnswerAsync(request, cancellationToken);
        if (Stall?.Invoke(request) == true)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        lock (_gate)
        {
            Requests++;
            if (Fault?.Invoke(request) is { } fault)
            {
                return fault;
            }

            if (Interlocked.Decrement(ref _throttled) >= 0)
            {
                var throttled = Error(HttpStatusCode.TooManyRequests, "activityLimitReached", "The request has been throttled");
                throttled.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(RetryAfterSeconds));
                return throttled;
            }

            Interlocked.Exchange(ref _throttled, 0);
            if (string.Equals(request.RequestUri!.Host, SharePointHost, StringComparison.OrdinalIgnoreCase))
            {
                return SharePoint(request, body);
            }

            if (string.Equals(request.RequestUri.Host, EntraHost, StringComparison.OrdinalIgnoreCase))
            {
                return Token(request, body ?? []);
            }

            if (request.Headers.Authorization is not { Scheme: "Bearer", Parameter: { } token } || !_users.TryGetValue(token, out var user))
            {
                return Error(HttpStatusCode.Unauthorized, "InvalidAuthenticationToken", "IDX14100: JWT is not well formed, there are no dots (.).");
            }

            _caller = user;
            var relative = request.RequestUri!.AbsolutePath[GraphBase.AbsolutePath.Length..];
            if (request.Method == HttpMethod.Get && relative == "me")
            {
                return Me(user);
            }

            if (request.Method == HttpMethod.Post && relative == "$batch")
            {
                BatchRequests++;
                return Batch(body!);
            }

            if (request.Method != HttpMethod.Get)
            {
                return Write(request.Method, relative, request.RequestUri.Query, body ?? [], user);
            }

            if (relative.EndsWith("/content", StringComparison.Ordinal))
            {
                return Content(relative);
            }

            var (status, json) = Route(request.Method, relative, request.RequestUri.Query);
            return Respond(status, json);
        }
    }

    private (HttpStatusCode Status, string Json) Route(HttpMethod method, string relative, string query)
    {
        var drivePrefix = "drives/" + Uri.EscapeDataString(DriveId) + "/";
        if (method != HttpMethod.Get)
        {
            return (HttpStatusCode.MethodNotAllowed, ErrorJson("notSupported", "The stand-in only reads."));
        }

        if (!relative.StartsWith(drivePrefix, StringComparison.Ordinal))
        {
            // A well-formed drive id of another drive is not found; anything else is malformed (as recorded).
            var unescaped = Uri.UnescapeDataString(relative);
            return unescaped.StartsWith("drives/b!", StringComparison.Ordinal) && unescaped.IndexOf('/', "drives/".Length) > "drives/".Length + 16
                ? (HttpStatusCode.NotFound, ErrorJson("itemNotFound", "Item not found"))
                : (HttpStatusCode.BadRequest, ErrorJson("invalidRequest", "The provided drive id appears to be malformed, or does not represent a valid drive."));
        }

        var rest = relative[drivePrefix.Length..];
        GraphNode? node;
        var children = false;
        if (rest.StartsWith("items/", StringComparison.Ordinal))
        {
            var parts = rest["items/".Length..].Split('/');
            node = _nodes.GetValueOrDefault(Uri.UnescapeDataString(parts[0]));
            if (parts is [_, "permissions"])
            {
                return node is null ? (HttpStatusCode.NotFound, ErrorJson("itemNotFound", "Item not found")) : PermissionListing(node);
            }

            children = parts is [_, "children"];
            if (parts.Length > (children ? 2 : 1))
            {
                return (HttpStatusCode.BadRequest, ErrorJson("invalidRequest", "Unsupported segment"));
            }
        }
        else if (rest == "root" || rest == "root/children")
        {
            node = Root;
            children = rest.EndsWith("/children", StringComparison.Ordinal);
        }
        else if (rest.StartsWith("root:", StringComparison.Ordinal))
        {
            var addressed = rest["root:".Length..];
            children = addressed.EndsWith(":/children", StringComparison.Ordinal);
            addressed = children ? addressed[..^":/children".Length] : addressed.TrimEnd(':');
            node = FindEscaped(addressed);
        }
        else
        {
            return (HttpStatusCode.BadRequest, ErrorJson("invalidRequest", "Unsupported segment"));
        }

        if (node is null || !Can(node, StoragePermissions.Read))
        {
            return (HttpStatusCode.NotFound, ErrorJson("itemNotFound", "Item not found"));
        }

        return (HttpStatusCode.OK, children ? ChildrenPage(node, relative, query) : ItemJson(node));
    }

    private GraphNode? FindEscaped(string escapedPath)
    {
        var node = Root;
        foreach (var segment in escapedPath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = Uri.UnescapeDataString(segment);
            node = node.Children.Find(child => string.Equals(child.Name, name, StringComparison.Ordinal));
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    private string ChildrenPage(GraphNode folder, string relative, string query)
    {
        var parameters = System.Web.HttpUtility.ParseQueryString(query);
        var top = int.TryParse(parameters["$top"], CultureInfo.InvariantCulture, out var asked) ? Math.Min(asked, MaxPageSize) : Math.Min(200, MaxPageSize);
        var skip = int.TryParse(parameters["$skiptoken"], CultureInfo.InvariantCulture, out var s) ? s : 0;
        var visible = folder.Children.Where(child => Can(child, StoragePermissions.Read)).ToList();
        var page = folder.IsFolder ? visible.OrderBy(c => c.Id, StringComparer.Ordinal).Skip(skip).Take(top).ToList() : [];
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("@odata.context", $"https://graph.microsoft.com/v1.0/$metadata#drives('{DriveId.Replace("!", "%21", StringComparison.Ordinal)}')/items('{folder.Id}')/children");
            if (folder.IsFolder && skip + top < visible.Count)
            {
                var next = new UriBuilder(new Uri(GraphBase, relative))
                {
                    Query = $"$select={Uri.EscapeDataString(parameters["$select"] ?? string.Empty)}&$top={top}&$skiptoken={skip + top}",
                };
                writer.WriteString("@odata.nextLink", next.Uri.AbsoluteUri);
            }

            writer.WriteStartArray("value");
            foreach (var child in page)
            {
                WriteItem(writer, child);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private HttpResponseMessage Batch(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var requests = document.RootElement.GetProperty("requests");
        if (requests.GetArrayLength() > 20)
        {
            return Error(HttpStatusCode.BadRequest, "BadRequest", "The number of requests in the batch exceeds 20.");
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("responses");
            foreach (var item in requests.EnumerateArray().Reverse())
            {
                // Graph answers batch items in any order; reversed here so the provider must match by id.
                var url = new Uri(new Uri("https://batch.invalid/v1.0/"), item.GetProperty("url").GetString()!.TrimStart('/'));
                var (status, json) = Route(new HttpMethod(item.GetProperty("method").GetString()!), url.AbsolutePath["/v1.0/".Length..], url.Query);
                writer.WriteStartObject();
                writer.WriteString("id", item.GetProperty("id").GetString());
                writer.WriteNumber("status", (int)status);
                writer.WriteStartObject("headers");
                writer.WriteString("Content-Type", "application/json");
                writer.WriteEndObject();
                writer.WritePropertyName("body");
                writer.WriteRawValue(json);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Respond(HttpStatusCode.OK, Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static string ItemJson(GraphNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteItem(writer, node);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteItem(Utf8JsonWriter writer, GraphNode node)
    {
        writer.WriteStartObject();
        writer.WriteString("id", node.Id);
        writer.WriteString("name", node.Name);
        writer.WriteNumber("size", node.IsFolder ? node.Children.Sum(c => (long)c.Content.Length) : node.Content.Length);
        writer.WriteString("webUrl", "https://finn.sharepoint.com/sites/openprojectfilestoragetests/Shared%20Documents" + node.Path.ToEscapedString().TrimEnd('/'));
        WriteIdentity(writer, "createdBy", node.CreatedBy);
        WriteIdentity(writer, "lastModifiedBy", node.CreatedBy);
        writer.WriteStartObject("fileSystemInfo");
        writer.WriteString("createdDateTime", node.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        writer.WriteString("lastModifiedDateTime", node.ModifiedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        writer.WriteEndObject();
        writer.WriteStartObject("parentReference");
        writer.WriteString("driveType", "documentLibrary");
        writer.WriteString("driveId", DriveId);
        if (node.Parent is { } parent)
        {
            writer.WriteString("id", parent.Id);
            writer.WriteString("path", $"/drives/{DriveId}/root:{(parent.Path.IsRoot ? string.Empty : parent.Path.ToString())}");
        }

        writer.WriteEndObject();
        if (node.Parent is null)
        {
            writer.WriteStartObject("root");
            writer.WriteEndObject();
        }

        if (node.IsFolder)
        {
            writer.WriteStartObject("folder");
            writer.WriteNumber("childCount", node.Children.Count);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteStartObject("file");
            writer.WriteString("mimeType", node.MimeType);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteIdentity(Utf8JsonWriter writer, string property, string displayName)
    {
        writer.WriteStartObject(property);
        writer.WriteStartObject("user");
        writer.WriteString("email", "alice@finn.onmicrosoft.com");
        writer.WriteString("id", "248aeb72-b231-4e71-a466-67fa7df2a285");
        writer.WriteString("displayName", displayName);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static string ErrorJson(string code, string message) =>
        JsonSerializer.Serialize(new { error = new { code, message, innerError = new { date = "2024-02-01T09:30:00", requestId = "5c4d8ea4-0000-4000-8000-000000000000" } } });

    private static HttpResponseMessage Error(HttpStatusCode status, string code, string message) => Respond(status, ErrorJson(code, message));

    private static HttpResponseMessage Respond(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}
