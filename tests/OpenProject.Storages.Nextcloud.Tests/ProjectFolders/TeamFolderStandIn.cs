using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security;
using System.Text;
using System.Xml.Linq;
using OpenProject.Storages.Nextcloud.Tests.StandIn;
using OpenProject.Storages.ProjectFolders;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Nextcloud.Tests.ProjectFolders;

/// <summary>
/// An in-process Nextcloud team folder over HTTP: WebDAV (PROPFIND, MKCOL, MOVE, PROPPATCH of
/// <c>nc:acl-list</c>) under <c>remote.php/dav/files/OpenProject/OpenProject</c> and the provisioning
/// API (OCS v1, JSON), answering in the shapes of the Nextcloud 27 recordings, with the state kept by an
/// <see cref="InMemoryProjectFolderStorage"/> (so its quirks, such as an ignored ACL write answered
/// 207/200, come through). <see cref="Override"/> scripts an answer before the model is asked.
/// </summary>
internal sealed class TeamFolderStandIn(InMemoryProjectFolderStorage model, Uri baseAddress) : HttpMessageHandler
{
    private const string Instance = "ockcsp661qa4";
    private const string TeamFolderPath = "remote.php/dav/files/OpenProject/OpenProject";
    private const string MultiStatusOpen = """<?xml version="1.0"?>""" + "\n" + """<d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns">""";
    private static readonly XNamespace Nc = "http://nextcloud.org/ns";

    public InMemoryProjectFolderStorage Model { get; } = model;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public Func<RecordedRequest, HttpResponseMessage?>? Override { get; set; }

    /// <summary>When set, the only <c>Authorization</c> header accepted (the technical user's); any other gets 401 as on a real server.</summary>
    public string? RequiredAuthorization { get; set; }

    public IEnumerable<RecordedRequest> Writes => Requests.Where(request => request.Method is "MKCOL" or "MOVE" or "PROPPATCH" or "POST" or "DELETE");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            headers[header.Key] = string.Join(", ", header.Value);
        }

        var raw = "/" + request.RequestUri!.GetComponents(UriComponents.Path, UriFormat.UriEscaped);
        var relative = raw.StartsWith(baseAddress.AbsolutePath, StringComparison.Ordinal) ? raw[baseAddress.AbsolutePath.Length..] : raw;
        var recorded = new RecordedRequest(request.Method.Method, request.RequestUri, headers, body) { RelativePath = relative.TrimEnd('/') };
        Requests.Enqueue(recorded);
        var response = Override?.Invoke(recorded);
        if (response is null && RequiredAuthorization is not null && recorded.Header("Authorization") != RequiredAuthorization)
        {
            response = Error(recorded, new StorageException(StorageErrorCode.Unauthorized, "not the technical user"));
        }

        if (response is null)
        {
            try
            {
                response = await RouteAsync(recorded, cancellationToken);
            }
            catch (StorageException error)
            {
                response = Error(recorded, error);
            }
        }

        response.RequestMessage = request;
        return response;
    }

    public static string Sabre(string exception, string message) =>
        $"""<?xml version="1.0" encoding="utf-8"?>{"\n"}<d:error xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns">{"\n"}  <s:exception>Sabre\DAV\Exception\{exception}</s:exception>{"\n"}  <s:message>{message}</s:message>{"\n"}</d:error>""";

    public static string Ocs(int statusCode, string data = "[]", string message = "") =>
        "{\"ocs\":{\"meta\":{\"status\":\"" + (statusCode == 100 ? "ok" : "failure") + "\",\"statuscode\":" + statusCode.ToString(CultureInfo.InvariantCulture) + ",\"message\":\"" + message + "\",\"totalitems\":\"\",\"itemsperpage\":\"\"},\"data\":" + data + "}}";

    public static string Response(string href, string? fileId, bool collection, IReadOnlyList<FolderAccessRule> rules)
    {
        var ok = new StringBuilder();
        if (fileId is not null)
        {
            ok.Append("<oc:fileid>").Append(fileId).Append("</oc:fileid>");
        }

        ok.Append(collection ? "<d:resourcetype><d:collection/></d:resourcetype>" : "<d:resourcetype/>");
        var missing = string.Empty;
        if (rules.Count == 0)
        {
            // As recorded: a node without rules reports nc:acl-list in a 404 propstat.
            missing = "<d:propstat><d:prop><nc:acl-list/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>";
        }
        else
        {
            ok.Append("<nc:acl-list>");
            foreach (var rule in rules)
            {
                var id = SecurityElement.Escape(rule.TargetId);
                ok.Append(CultureInfo.InvariantCulture, $"<nc:acl><nc:acl-mapping-type>{(rule.Target == FolderAccessTarget.Group ? "group" : "user")}</nc:acl-mapping-type><nc:acl-mapping-id>{id}</nc:acl-mapping-id><nc:acl-mapping-display-name>{id}</nc:acl-mapping-display-name><nc:acl-mask>{(int)rule.Mask}</nc:acl-mask><nc:acl-permissions>{(int)rule.Permissions}</nc:acl-permissions></nc:acl>");
            }

            ok.Append("</nc:acl-list>");
        }

        return $"<d:response><d:href>{href}</d:href><d:propstat><d:prop>{ok}</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>{missing}</d:response>";
    }

    public static HttpResponseMessage MultiStatus(string responses) =>
        ScriptedNextcloud.Respond((HttpStatusCode)207, MultiStatusOpen + responses + "</d:multistatus>");

    private async Task<HttpResponseMessage> RouteAsync(RecordedRequest request, CancellationToken cancellationToken)
    {
        var path = request.RelativePath;
        if (path == TeamFolderPath || path.StartsWith(TeamFolderPath + "/", StringComparison.Ordinal))
        {
            var name = path.Length == TeamFolderPath.Length ? null : Uri.UnescapeDataString(path[(TeamFolderPath.Length + 1)..]);
            return await DavAsync(request, name, cancellationToken);
        }

        const string groups = "ocs/v1.php/cloud/groups/";
        if (request.Method == "GET" && path.StartsWith(groups, StringComparison.Ordinal))
        {
            var members = await Model.GetGroupMembersAsync(Uri.UnescapeDataString(path[groups.Length..]), cancellationToken);
            return ScriptedNextcloud.Json(HttpStatusCode.OK, Ocs(100, "{\"users\":[" + string.Join(',', members.Select(member => $"\"{member}\"")) + "]}", "OK"));
        }

        const string users = "ocs/v1.php/cloud/users/";
        if (path.StartsWith(users, StringComparison.Ordinal) && path.EndsWith("/groups", StringComparison.Ordinal))
        {
            var user = Uri.UnescapeDataString(path[users.Length..^"/groups".Length]);
            if (request.Method == "POST")
            {
                var form = request.BodyText.Split('&').Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => Uri.UnescapeDataString(pair[1].Replace('+', ' ')));
                await Model.AddGroupMemberAsync(form.GetValueOrDefault("groupid") ?? string.Empty, user, cancellationToken);
                return ScriptedNextcloud.Json(HttpStatusCode.OK, Ocs(100, message: "OK"));
            }

            if (request.Method == "DELETE")
            {
                var query = request.Uri.Query.TrimStart('?').Split('&').Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => Uri.UnescapeDataString(pair[1]));
                await Model.RemoveGroupMemberAsync(query.GetValueOrDefault("groupid") ?? string.Empty, user, cancellationToken);
                return ScriptedNextcloud.Json(HttpStatusCode.OK, Ocs(100, message: "OK"));
            }
        }

        return ScriptedNextcloud.Respond(HttpStatusCode.NotImplemented, $"no stand-in for {request.Method} {path}", "text/plain");
    }

    private async Task<HttpResponseMessage> DavAsync(RecordedRequest request, string? name, CancellationToken cancellationToken)
    {
        switch (request.Method)
        {
            case "PROPFIND":
                var state = await Model.ReadManagedRootAsync(cancellationToken);
                var root = Response($"/{TeamFolderPath}/", state.RootId.Value, collection: true, state.RootAccessRules);
                if (name is null)
                {
                    var children = request.Header("Depth") == "0" ? string.Empty : string.Concat(state.Folders.Select(folder => Response(Href(folder.Name), folder.Id.Value, collection: true, folder.AccessRules)));
                    return MultiStatus(root + children);
                }

                var entry = state.Folders.SingleOrDefault(folder => folder.Name == name) ?? throw new StorageException(StorageErrorCode.NotFound, $"File with name {name} could not be located");
                return MultiStatus(Response(Href(entry.Name), entry.Id.Value, collection: true, entry.AccessRules));
            case "MKCOL":
                var created = await Model.CreateFolderAsync(name!, cancellationToken);
                return ScriptedNextcloud.Respond(HttpStatusCode.Created, string.Empty, "text/html; charset=UTF-8", ("OC-FileId", long.Parse(created.Id.Value, CultureInfo.InvariantCulture).ToString("D8", CultureInfo.InvariantCulture) + Instance));
            case "MOVE":
                if (request.Header("Overwrite") != "F")
                {
                    return ScriptedNextcloud.Respond(HttpStatusCode.BadRequest, Sabre("BadRequest", "The project folder sync must never overwrite"));
                }

                var destination = new Uri(request.Header("Destination")!);
                var newName = Uri.UnescapeDataString(destination.AbsolutePath.TrimEnd('/').Split('/')[^1]);
                var source = Model.FindFolder(name!) ?? throw new StorageException(StorageErrorCode.NotFound, $"File with name {name} could not be located");
                await Model.RenameFolderAsync(source.Id, name!, newName, cancellationToken);
                return ScriptedNextcloud.Respond(HttpStatusCode.Created, string.Empty, "text/html; charset=UTF-8");
            case "PROPPATCH":
                var rules = XDocument.Parse(request.BodyText).Descendants(Nc + "acl").Select(acl => new FolderAccessRule(
                    acl.Element(Nc + "acl-mapping-type")!.Value == "group" ? FolderAccessTarget.Group : FolderAccessTarget.User,
                    acl.Element(Nc + "acl-mapping-id")!.Value,
                    (StoragePermissions)int.Parse(acl.Element(Nc + "acl-permissions")!.Value, CultureInfo.InvariantCulture),
                    (StoragePermissions)int.Parse(acl.Element(Nc + "acl-mask")!.Value, CultureInfo.InvariantCulture))).ToList();
                var id = name is null ? Model.RootId : (Model.FindFolder(name) ?? throw new StorageException(StorageErrorCode.NotFound, $"File with name {name} could not be located")).Id;
                await Model.SetAccessRulesAsync(id, name is null ? StoragePath.Root : StoragePath.Root.Combine(name), rules, cancellationToken);
                return MultiStatus($"<d:response><d:href>/{request.RelativePath}</d:href><d:propstat><d:prop><nc:acl-list/></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>");
            default:
                return ScriptedNextcloud.Respond(HttpStatusCode.MethodNotAllowed, Sabre("MethodNotAllowed", "not supported by the stand-in"));
        }
    }

    private static string Href(string name) => $"/{TeamFolderPath}/{Uri.EscapeDataString(name)}/";

    private static HttpResponseMessage Error(RecordedRequest request, StorageException error)
    {
        if (error.Code == StorageErrorCode.Unauthorized)
        {
            return ScriptedNextcloud.Respond(HttpStatusCode.Unauthorized, Sabre("NotAuthenticated", "No public access to this resource., Username or password was incorrect"));
        }

        if (error.Code == StorageErrorCode.Unavailable)
        {
            return ScriptedNextcloud.Respond(HttpStatusCode.ServiceUnavailable, Sabre("ServiceUnavailable", "System in maintenance mode."));
        }

        if (request.RelativePath.StartsWith("ocs/", StringComparison.Ordinal))
        {
            var code = error.Code == ProjectFolderErrorCodes.GroupNotFound ? (request.Method == "GET" ? 404 : 102)
                : error.Code == ProjectFolderErrorCodes.UserNotFound ? 103
                : error.Code == ProjectFolderErrorCodes.InsufficientPrivileges ? 104
                : error.Code == ProjectFolderErrorCodes.GroupMembershipRefused ? 105
                : 996;
            return ScriptedNextcloud.Json(HttpStatusCode.OK, Ocs(code, message: error.Detail ?? string.Empty));
        }

        var status = error.Code == StorageErrorCode.NotFound ? HttpStatusCode.NotFound
            : error.Code == StorageErrorCode.Conflict ? (request.Method == "MKCOL" ? HttpStatusCode.MethodNotAllowed : HttpStatusCode.PreconditionFailed)
            : HttpStatusCode.BadRequest;
        return ScriptedNextcloud.Respond(status, Sabre(status.ToString(), error.Message));
    }
}
