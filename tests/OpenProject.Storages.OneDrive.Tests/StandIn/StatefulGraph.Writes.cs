using System.Globalization;
using System.Net;
using System.Text.Json;

namespace OpenProject.Storages.OneDrive.Tests.StandIn;

/// <summary>
/// Graph's writes on one drive, as recorded by OpenProject: <c>POST items/{id}/children</c> (201, 409
/// <c>nameAlreadyExists</c>, 404 <c>itemNotFound</c>), <c>PATCH items/{id}</c> (200, 409), <c>DELETE items/{id}</c>
/// (204), <c>createUploadSession</c> (200 with a pre-authenticated SharePoint <c>uploadUrl</c>; a missing parent is 400
/// <c>invalidRequest</c>), and the single <c>PUT …:/{name}:/content</c> of Graph's documentation (201 new, 200 replaced).
/// </summary>
internal sealed partial class StatefulGraph
{
    /// <summary>Every request body that reached a write, with its method and address, in order.</summary>
    public List<(string Method, string Path, string Body)> Writes { get; } = [];

    private HttpResponseMessage Write(HttpMethod method, string relative, string query, byte[] body, string user)
    {
        var drivePrefix = "drives/" + Uri.EscapeDataString(DriveId) + "/";
        Writes.Add((method.Method, relative, method == HttpMethod.Put || body.Length == 0 ? $"<{body.Length} bytes>" : Readable(body)));
        if (!relative.StartsWith(drivePrefix, StringComparison.Ordinal))
        {
            return Error(HttpStatusCode.BadRequest, "invalidRequest", "Invalid drive id");
        }

        var rest = relative[drivePrefix.Length..];
        var target = rest == "root" || rest.StartsWith("root/", StringComparison.Ordinal) ? Root.Id + rest["root".Length..] : rest.StartsWith("items/", StringComparison.Ordinal) ? rest["items/".Length..] : null;
        if (target is null)
        {
            return Error(HttpStatusCode.BadRequest, "invalidRequest", "Unsupported segment");
        }

        // items/{parent}:/{name}:/content or items/{parent}:/{name}:/createUploadSession
        var colon = target.IndexOf(":/", StringComparison.Ordinal);
        if (colon > 0)
        {
            var parentId = Uri.UnescapeDataString(target[..colon]);
            var tail = target[(colon + 2)..];
            var end = tail.LastIndexOf(":/", StringComparison.Ordinal);
            if (end < 0)
            {
                return Error(HttpStatusCode.BadRequest, "invalidRequest", "Unsupported segment");
            }

            var name = Uri.UnescapeDataString(tail[..end]);
            var action = tail[(end + 2)..];
            return (method.Method, action) switch
            {
                ("PUT", "content") => PutContent(parentId, name, ConflictBehaviour(query), body, user),
                ("POST", "createUploadSession") => CreateUploadSession(parentId, name, body),
                _ => Error(HttpStatusCode.MethodNotAllowed, "notSupported", "Unsupported method"),
            };
        }

        var parts = target.Split('/');
        var node = _nodes.GetValueOrDefault(Uri.UnescapeDataString(parts[0]));
        return (method.Method, parts) switch
        {
            ("POST", [_, "children"]) => CreateFolder(node, body, user),
            ("PATCH", [_]) => Patch(node, body),
            ("DELETE", [_]) => Delete(node),
            ("POST", [_, "invite"]) => Invite(node, body),
            ("DELETE", [_, "permissions", var permission]) => DeletePermission(node, Uri.UnescapeDataString(permission)),
            _ => Error(HttpStatusCode.MethodNotAllowed, "notSupported", "Unsupported method"),
        };
    }

    private HttpResponseMessage CreateFolder(GraphNode? parent, byte[] body, string user)
    {
        if (parent is null || !Can(parent, StoragePermissions.Read))
        {
            return Error(HttpStatusCode.NotFound, "itemNotFound", "Item not found");
        }

        using var document = JsonDocument.Parse(body);
        var name = document.RootElement.GetProperty("name").GetString()!;
        var behaviour = document.RootElement.TryGetProperty("@microsoft.graph.conflictBehavior", out var value) ? value.GetString() : "rename";
        if (!parent.IsFolder)
        {
            return Error(HttpStatusCode.BadRequest, "invalidRequest", "Invalid request");
        }

        if (!Can(parent, StoragePermissions.Create))
        {
            return AccessDenied();
        }

        if (ChildNamed(parent, name) is not null && behaviour == "fail")
        {
            return Error(HttpStatusCode.Conflict, "nameAlreadyExists", "Name already exists");
        }

        var created = AddChild(parent, name, isFolder: true, [], user);
        return Respond(HttpStatusCode.Created, ItemJson(created));
    }

    private HttpResponseMessage Patch(GraphNode? node, byte[] body)
    {
        if (node is null || !Can(node, StoragePermissions.Read))
        {
            return Error(HttpStatusCode.NotFound, "itemNotFound", "Item not found");
        }

        if (!Can(node, StoragePermissions.Write))
        {
            return AccessDenied();
        }

        if (node == Root)
        {
            return Error(HttpStatusCode.BadRequest, "invalidRequest", "The root cannot be renamed or moved.");
        }

        using var document = JsonDocument.Parse(body);
        var name = document.RootElement.TryGetProperty("name", out var n) ? n.GetString()! : node.Name;
        var parent = node.Parent!;
        if (document.RootElement.TryGetProperty("parentReference", out var reference) && reference.TryGetProperty("id", out var parentId))
        {
            parent = _nodes.GetValueOrDefault(parentId.GetString()!) ?? null!;
            if (parent is null || !Can(parent, StoragePermissions.Read))
            {
                return Error(HttpStatusCode.NotFound, "itemNotFound", "Item not found");
            }

            if (!Can(parent, StoragePermissions.Create))
            {
                return AccessDenied();
            }
        }

        for (var above = parent; above is not null; above = above.Parent)
        {
            if (above == node)
            {
                return Error(HttpStatusCode.BadRequest, "invalidRequest", "An item cannot be moved below itself.");
            }
        }

        if (ChildNamed(parent, name) is { } existing && existing != node)
        {
            return Error(HttpStatusCode.Conflict, "nameAlreadyExists", "Name already exists");
        }

        node.Parent!.Children.Remove(node);
        node.Name = name;
        node.Parent = parent;
        parent.Children.Add(node);
        node.ModifiedAt = Epoch.AddMinutes(1);
        return Respond(HttpStatusCode.OK, ItemJson(node));
    }

    private HttpResponseMessage Delete(GraphNode? node)
    {
        if (node is null || !Can(node, StoragePermissions.Read))
        {
            return Error(HttpStatusCode.NotFound, "itemNotFound", "Item not found");
        }

        if (!Can(node, StoragePermissions.Delete))
        {
            return AccessDenied();
        }

        if (node == Root)
        {
            return Error(HttpStatusCode.Forbidden, "accessDenied", "The root cannot be deleted.");
        }

        node.Parent!.Children.Remove(node);
        Forget(node);
        return new HttpResponseMessage(HttpStatusCode.NoContent);
    }

    private HttpResponseMessage PutContent(string parentId, string name, string behaviour, byte[] content, string user)
    {
        if (content.Length > SimpleUploadMaximum)
        {
            return Error(HttpStatusCode.RequestEntityTooLarge, "requestTooLarge", "Use an upload session for files this large.");
        }

        return Store(_nodes.GetValueOrDefault(parentId), name, behaviour, content, user, missingParent: HttpStatusCode.NotFound);
    }

    /// <summary>Stores a file's content in a folder under a conflict behaviour: 201 new, 200 replaced (same id), 409 taken.</summary>
    private HttpResponseMessage Store(GraphNode? parent, string name, string behaviour, byte[] content, string user, HttpStatusCode missingParent)
    {
        if (parent is null || !parent.IsFolder || !Can(parent, StoragePermissions.Read))
        {
            return missingParent == HttpStatusCode.NotFound
                ? Error(HttpStatusCode.NotFound, "itemNotFound", "Item not found")
                : Error(HttpStatusCode.BadRequest, "invalidRequest", "Invalid request");
        }

        if (ChildNamed(parent, name) is { } existing)
        {
            if (behaviour == "replace" && !existing.IsFolder)
            {
                if (!Can(existing, StoragePermissions.Write))
                {
                    return AccessDenied();
                }

                existing.Content = content;
                existing.ModifiedAt = Epoch.AddMinutes(1);
                return Respond(HttpStatusCode.OK, ItemJson(existing));
            }

            if (behaviour != "rename")
            {
                return Error(HttpStatusCode.Conflict, "nameAlreadyExists", "Name already exists");
            }

            // Graph's own numbering, which differs from Nextcloud's "report (2).pdf".
            var extension = System.IO.Path.GetExtension(name);
            var stem = name[..^extension.Length];
            for (var number = 1; ChildNamed(parent, name) is not null; number++)
            {
                name = string.Create(CultureInfo.InvariantCulture, $"{stem} {number}{extension}");
            }
        }

        if (!Can(parent, StoragePermissions.Create))
        {
            return AccessDenied();
        }

        var created = AddChild(parent, name, isFolder: false, content, user);
        return Respond(HttpStatusCode.Created, ItemJson(created));
    }

    // The provider's serializer escapes non-ASCII; the recordings show it as text. Same JSON, compared as text.
    private static string Readable(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement, RelaxedJson);
    }

    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string ConflictBehaviour(string query) =>
        System.Web.HttpUtility.ParseQueryString(query)["@microsoft.graph.conflictBehavior"] ?? "replace";
}
