using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace OpenProject.Storages.Nextcloud.Tests.StandIn;

/// <summary>OCS and the integration app's routes, with PHP's JSON escaping (<c>\/</c>, <c>\uXXXX</c>).</summary>
internal sealed partial class StatefulNextcloud
{
    /// <summary>OCS v1 <c>fileinfo/{id}</c>: HTTP 200 whatever the outcome, the outcome in <c>meta</c> and <c>data</c>.</summary>
    private HttpResponseMessage FileInfo(string user, string id)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return OcsV1(failureCode: 404, data: w => WriteEntry(w, user, null));
        }

        var node = _byId.GetValueOrDefault(number);
        var status = EntryStatus(user, node);
        return OcsV1(status == 200 ? null : status, w => WriteEntry(w, user, node));
    }

    /// <summary>OCS v1 <c>POST filesinfo</c> with <c>{"fileIds": [...]}</c>: one entry per distinct id, keyed by it.</summary>
    private HttpResponseMessage FilesInfo(string user, byte[] body)
    {
        List<long>? ids = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("fileIds", out var fileIds)
                && fileIds.ValueKind == JsonValueKind.Array)
            {
                ids = [];
                foreach (var element in fileIds.EnumerateArray())
                {
                    // PHP's (int) cast: numbers and numeric strings.
                    ids.Add(element.ValueKind == JsonValueKind.Number ? element.GetInt64()
                        : long.TryParse(element.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0);
                }
            }
        }
        catch (JsonException)
        {
            ids = null;
        }

        if (ids is null)
        {
            return OcsV1(failureCode: 400, data: w => w.WriteStringValue("invalid request"));
        }

        return OcsV1(null, w =>
        {
            if (ids.Count == 0)
            {
                w.WriteStartArray();
                w.WriteEndArray();
                return;
            }

            w.WriteStartObject();
            foreach (var id in ids.Distinct())
            {
                w.WritePropertyName(id.ToString(CultureInfo.InvariantCulture));
                WriteEntry(w, user, _byId.GetValueOrDefault(id));
            }

            w.WriteEndObject();
        });
    }

    private int EntryStatus(string user, StandInNode? node) =>
        node is null ? 404 : CanSee(user, node) ? 200 : 403;

    private void WriteEntry(Utf8JsonWriter w, string user, StandInNode? node)
    {
        var status = EntryStatus(user, node);
        w.WriteStartObject();
        w.WriteString("status", status switch { 200 => "OK", 403 => "Forbidden", _ => "Not Found" });
        w.WriteNumber("statuscode", status);
        if (status == 200 && node is not null)
        {
            var path = new StringBuilder("files/");
            path.Append(string.Join('/', node.Path.Segments));
            if (node.IsFolder && !node.Path.IsRoot)
            {
                path.Append('/');
            }

            w.WriteNumber("id", node.Id);
            w.WriteString("name", node.Name);
            w.WriteNumber("mtime", node.ModifiedAt.ToUnixTimeSeconds());
            w.WriteNumber("ctime", node.CreatedAt.ToUnixTimeSeconds());
            w.WriteString("mimetype", node.IsFolder ? StorageItem.FolderMimeType : node.ContentType);
            w.WriteNumber("size", node.Size);
            w.WriteString("owner_name", node.OwnerDisplayName);
            w.WriteString("owner_id", node.OwnerId);
            w.WriteNull("modifier_name");
            w.WriteNull("modifier_id");
            w.WriteString("dav_permissions", node.PermissionLetters(PermissionsOf(user, node)));
            w.WriteString("path", path.ToString());
        }

        w.WriteEndObject();
    }

    /// <summary>OCS v2 <c>apps/dav/api/v1/direct</c>: a public, reusable link to one file.</summary>
    private HttpResponseMessage CreateDirectLink(string user, byte[] body)
    {
        var form = Encoding.UTF8.GetString(body).Split('&')
            .Select(pair => pair.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => Uri.UnescapeDataString(pair[0]), pair => Uri.UnescapeDataString(pair[1]), StringComparer.Ordinal);
        if (!form.TryGetValue("fileId", out var id)
            || !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || _byId.GetValueOrDefault(number) is not { } node
            || !CanSee(user, node))
        {
            return OcsFailure(v2: true, HttpStatusCode.NotFound, 404, string.Empty);
        }

        if (node.IsFolder)
        {
            return OcsFailure(v2: true, HttpStatusCode.BadRequest, 400, "Direct download only works for files");
        }

        var token = RandomToken(60);
        _directLinks[token] = node.Id;
        var url = new Uri(BaseAddress, "remote.php/direct/" + token).AbsoluteUri;
        return OcsV2(w => w.WriteString("url", url));
    }

    private HttpResponseMessage DirectDownload(string token) =>
        _directLinks.TryGetValue(token, out var id) && _byId.TryGetValue(id, out var node)
            ? Download(node)
            : SabreError(HttpStatusCode.NotFound, "NotFound", string.Empty);

    /// <summary><c>index.php/apps/integration_openproject/direct-upload-token</c> with <c>{"folder_id": n}</c>.</summary>
    private HttpResponseMessage CreateUploadToken(string user, byte[] body)
    {
        long? folderId = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("folder_id", out var value) && value.ValueKind == JsonValueKind.Number)
            {
                folderId = value.GetInt64();
            }
        }
        catch (JsonException)
        {
            folderId = null;
        }

        if (folderId is not { } id
            || _byId.GetValueOrDefault(id) is not { IsFolder: true } folder
            || !CanSee(user, folder)
            || !PermissionsOf(user, folder).HasFlag(StoragePermissions.Create))
        {
            return Json(HttpStatusCode.NotFound, """{"error":"folder not found or not enough permissions"}""");
        }

        var token = RandomToken(64);
        var expires = Now.AddHours(1);
        _uploadTokens[token] = (id, user, expires);
        return Json(HttpStatusCode.OK, "{\"token\":\"" + token + "\",\"expires_on\":" + Unix(expires) + "}");
    }

    /// <summary>An OCS v1 envelope: HTTP 200; <c>meta.statuscode</c> 100 on success, else the failure code.</summary>
    private static HttpResponseMessage OcsV1(int? failureCode, Action<Utf8JsonWriter> data) =>
        Json(HttpStatusCode.OK, PhpJson(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("ocs");
            w.WriteStartObject("meta");
            w.WriteString("status", failureCode is null ? "ok" : "failure");
            w.WriteNumber("statuscode", failureCode ?? 100);
            w.WriteString("message", failureCode is null ? "OK" : string.Empty);
            w.WriteString("totalitems", string.Empty);
            w.WriteString("itemsperpage", string.Empty);
            w.WriteEndObject();
            w.WritePropertyName("data");
            data(w);
            w.WriteEndObject();
            w.WriteEndObject();
        }));

    /// <summary>OCS v2 <c>cloud/user</c>: who the request was answered as (<c>ocs_cloud_user_me</c>).</summary>
    private HttpResponseMessage CurrentUser(string user) => OcsV2(w =>
    {
        w.WriteString("id", user);
        w.WriteString("display-name", _users.GetValueOrDefault(user, user));
    });

    /// <summary>An OCS v2 success: HTTP 200, <c>meta</c> ok, <c>data</c> an object with the given members.</summary>
    private static HttpResponseMessage OcsV2(Action<Utf8JsonWriter> dataMembers) =>
        Json(HttpStatusCode.OK, PhpJson(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("ocs");
            w.WriteStartObject("meta");
            w.WriteString("status", "ok");
            w.WriteNumber("statuscode", 200);
            w.WriteString("message", "OK");
            w.WriteEndObject();
            w.WriteStartObject("data");
            dataMembers(w);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }));

    /// <summary>An OCS failure with empty data (v1 adds <c>totalitems</c>/<c>itemsperpage</c>).</summary>
    private static HttpResponseMessage OcsFailure(bool v2, HttpStatusCode status, int statusCode, string message) =>
        Json(status, PhpJson(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("ocs");
            w.WriteStartObject("meta");
            w.WriteString("status", "failure");
            w.WriteNumber("statuscode", statusCode);
            w.WriteString("message", message);
            if (!v2)
            {
                w.WriteString("totalitems", string.Empty);
                w.WriteString("itemsperpage", string.Empty);
            }

            w.WriteEndObject();
            w.WriteStartArray("data");
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }));

    /// <summary>JSON as PHP's <c>json_encode</c> writes it: non-ASCII as <c>\uXXXX</c>, slashes as <c>\/</c>.</summary>
    private static string PhpJson(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        // The default encoder already escapes non-ASCII; a '/' can only occur inside strings.
        return Encoding.UTF8.GetString(buffer.ToArray()).Replace("/", "\\/", StringComparison.Ordinal);
    }
}
