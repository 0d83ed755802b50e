using System.Globalization;
using System.Net;
using System.Text.Json;

namespace OpenProject.Storages.OneDrive.Tests.StandIn;

/// <summary>
/// The pre-authenticated SharePoint side of a drive, as recorded: <c>GET items/{id}/content</c> answers 302 to
/// <c>/_layouts/15/download.aspx?UniqueId=…&amp;tempauth=…</c>; an upload session's <c>uploadUrl</c>
/// (<c>/_api/v2.0/drives/{d}/items/{parent}/uploadSession?guid='…'&amp;tempauth=…</c>) takes ranges with
/// <c>Content-Range</c> (202 with <c>nextExpectedRanges</c>, 201 with the driveItem after the last byte) and
/// <c>DELETE</c>. The <c>tempauth</c> is the credential: a Graph bearer token sent there is refused with 401, as
/// SharePoint refuses a token for another audience.
/// </summary>
internal sealed partial class StatefulGraph
{
    public const string SharePointHost = "finn.sharepoint.com";

    /// <summary>Graph documents 250 MB for a single <c>PUT …/content</c>.</summary>
    public const int SimpleUploadMaximum = 250 * 1024 * 1024;

    private const int FragmentUnit = 320 * 1024;

    private readonly Dictionary<string, string> _downloads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UploadSessionState> _sessions = new(StringComparer.Ordinal);

    /// <summary>Upload sessions created and not yet finished or deleted.</summary>
    public int OpenUploadSessions
    {
        get
        {
            lock (_gate)
            {
                return _sessions.Count;
            }
        }
    }

    /// <summary>The <c>Content-Range</c> of every range received, in order.</summary>
    public List<string> ReceivedRanges { get; } = [];

    /// <summary>When set, the range starting at this offset is answered 503 without a <c>Retry-After</c>.</summary>
    public long? FailRangeAt { get; set; }

    private HttpResponseMessage Content(string relative)
    {
        var drivePrefix = "drives/" + Uri.EscapeDataString(DriveId) + "/items/";
        var id = relative.StartsWith(drivePrefix, StringComparison.Ordinal) ? Uri.UnescapeDataString(relative[drivePrefix.Length..^"/content".Length]) : null;
        var node = id is null ? null : _nodes.GetValueOrDefault(id);
        if (node is null || node.IsFolder || !Can(node, StoragePermissions.Read))
        {
            // Graph says the same for a folder: "The specified item does not exist, or does not have content."
            return Error(HttpStatusCode.NotFound, "itemNotFound", "The specified item does not exist, or does not have content.");
        }

        var tempauth = Guid.NewGuid().ToString("N");
        _downloads[tempauth] = node.Id;
        var response = new HttpResponseMessage(HttpStatusCode.Found);
        response.Headers.Location = new Uri($"https://{SharePointHost}/sites/openprojectfilestoragetests/_layouts/15/download.aspx?UniqueId={Guid.NewGuid()}&Translate=false&tempauth={tempauth}&ApiVersion=2.0");
        response.Content = new ByteArrayContent([]) { Headers = { ContentType = new("application/octet-stream") } };
        return response;
    }

    private HttpResponseMessage CreateUploadSession(string parentId, string name, byte[] body)
    {
        var parent = _nodes.GetValueOrDefault(parentId);
        if (parent is null || !parent.IsFolder)
        {
            return Error(HttpStatusCode.BadRequest, "invalidRequest", "Invalid request");
        }

        if (!Can(parent, StoragePermissions.Create))
        {
            return AccessDenied();
        }

        using var document = JsonDocument.Parse(body);
        var behaviour = document.RootElement.GetProperty("item").TryGetProperty("@microsoft.graph.conflictBehavior", out var value) ? value.GetString()! : "replace";
        if (behaviour == "fail" && ChildNamed(parent, name) is not null)
        {
            return Error(HttpStatusCode.Conflict, "nameAlreadyExists", "Name already exists");
        }

        var guid = Guid.NewGuid().ToString();
        var tempauth = Guid.NewGuid().ToString("N");
        _sessions[tempauth] = new UploadSessionState(parent.Id, name, behaviour, _caller);
        var uploadUrl = $"https://{SharePointHost}/sites/openprojectfilestoragetests/_api/v2.0/drives/{DriveId}/items/{parent.Id}/uploadSession?guid='{guid}'&overwrite={(behaviour == "replace" ? "True" : "False")}&rename={(behaviour == "rename" ? "True" : "False")}&dc=0&tempauth={tempauth}";
        return Respond(HttpStatusCode.OK, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.uploadSession",
            ["expirationDateTime"] = "2024-05-06T14:51:58.48Z",
            ["nextExpectedRanges"] = new[] { "0-" },
            ["uploadUrl"] = uploadUrl,
        }));
    }

    private HttpResponseMessage SharePoint(HttpRequestMessage request, byte[]? body)
    {
        if (request.Headers.Authorization is not null)
        {
            return Error(HttpStatusCode.Unauthorized, "InvalidAuthenticationToken", "Invalid audience.");
        }

        var tempauth = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query)["tempauth"] ?? string.Empty;
        if (request.Method == HttpMethod.Get && _downloads.TryGetValue(tempauth, out var id))
        {
            return _nodes.TryGetValue(id, out var node)
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(node.Content) { Headers = { ContentType = new(node.MimeType) } } }
                : Error(HttpStatusCode.NotFound, "itemNotFound", "Item not found");
        }

        if (!_sessions.TryGetValue(tempauth, out var session))
        {
            return Error(HttpStatusCode.NotFound, "itemNotFound", "The upload session was not found.");
        }

        if (request.Method == HttpMethod.Delete)
        {
            _sessions.Remove(tempauth);
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        }

        return request.Method == HttpMethod.Put ? Fragment(tempauth, session, request.Content?.Headers.ContentRange, body ?? []) : Error(HttpStatusCode.MethodNotAllowed, "notSupported", "Unsupported method");
    }

    private HttpResponseMessage Fragment(string tempauth, UploadSessionState session, System.Net.Http.Headers.ContentRangeHeaderValue? range, byte[] body)
    {
        if (range is not { From: { } from, To: { } to, Length: { } total } || to - from + 1 != body.Length)
        {
            return Error(HttpStatusCode.BadRequest, "invalidRequest", "The Content-Range header is missing or does not match the body.");
        }

        ReceivedRanges.Add(range.ToString());
        if (FailRangeAt == from)
        {
            return Error(HttpStatusCode.ServiceUnavailable, "serviceNotAvailable", "Service unavailable");
        }

        if (from != session.Received.Length || session.Total is { } known && known != total)
        {
            return Error(HttpStatusCode.RequestedRangeNotSatisfiable, "invalidRange", "The uploaded fragment overlaps with data that has already been received.");
        }

        var last = to + 1 == total;
        if (!last && body.Length % FragmentUnit != 0)
        {
            return Error(HttpStatusCode.BadRequest, "invalidRequest", "Fragments other than the last must be a multiple of 320 KiB.");
        }

        session.Total = total;
        session.Received.Write(body);
        if (!last)
        {
            return Respond(HttpStatusCode.Accepted, JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["expirationDateTime"] = "2024-05-06T14:51:58.48Z",
                ["nextExpectedRanges"] = new[] { string.Create(CultureInfo.InvariantCulture, $"{to + 1}-{total - 1}") },
            }));
        }

        _sessions.Remove(tempauth);
        _caller = session.User;
        return Store(_nodes.GetValueOrDefault(session.ParentId), session.Name, session.Behaviour, session.Received.ToArray(), session.User, missingParent: HttpStatusCode.NotFound);
    }

    private sealed class UploadSessionState(string parentId, string name, string behaviour, string user)
    {
        public string User { get; } = user;

        public string ParentId { get; } = parentId;

        public string Name { get; } = name;

        public string Behaviour { get; } = behaviour;

        public long? Total { get; set; }

        public MemoryStream Received { get; } = new();
    }
}
