using System.Net;
using System.Text;
using System.Text.Json;

namespace OpenProject.Storages.OneDrive.Tests.StandIn;

/// <summary>
/// Per-user access, as SharePoint enforces it for a user's delegated token: an item the user may not read does not
/// exist for them (404 <c>itemNotFound</c>, left out of listings and batches), and a write they may not make is 403
/// <c>accessDenied</c>. The app's own token (client credentials) sees and may do everything.
/// <para>
/// Two models of who may do what. Users of the directory (<see cref="AddDirectoryUser"/>) get what Graph's permissions
/// grant them, as recorded by OpenProject: the library (the root) has its owners only (a site group, an owner user, the
/// site's Entra group); an item inherits its parent's permissions (listed with <c>"inheritedFrom":{}</c>) until it gets
/// its own; <c>POST items/{id}/invite</c> (requireSignIn, no mail, one role <c>read</c> or <c>write</c>) first copies the
/// inherited permissions to the item, then grants each recipient (an unknown object id: 400 <c>noResolvedUsers</c> and
/// nobody is granted); <c>DELETE items/{id}/permissions/{id}</c> (204, 404 for an unknown id) also stops inheriting first.
/// Only the app and the owners may read or change permissions. Other users (only a token, no directory entry) follow
/// <see cref="Restrict"/>: a folder's rule applies below it unless an item below has its own.
/// </para>
/// </summary>
internal sealed partial class StatefulGraph
{
    public const string AppDisplayName = "SharePoint App";

    /// <summary>The library's owner user (recorded: an owner of the site).</summary>
    public const string OwnerObjectId = "0a0d38a9-a59b-4245-93fa-0d2cf727f17a";

    private readonly Dictionary<(string User, string NodeId), StoragePermissions> _rules = [];

    // Directory users by object id, and their object id by display name (tokens name display names).
    private readonly Dictionary<string, DirectoryUser> _directory = new(StringComparer.OrdinalIgnoreCase);

    // Items with permissions of their own (the root always); the others inherit.
    private readonly Dictionary<string, List<GraphPermissionEntry>> _permissions = new(StringComparer.Ordinal);

    // Who sends the request being answered (every request is answered under _gate).
    private string _caller = string.Empty;

    /// <summary>Sets what the user with this display name may do with an item and what lies below it.</summary>
    public void Restrict(string displayName, StoragePath path, StoragePermissions permissions)
    {
        lock (_gate)
        {
            var node = Find(path) ?? throw new InvalidOperationException($"{path} does not exist.");
            _rules[(displayName, node.Id)] = permissions;
        }
    }

    /// <summary>Adds a user to the directory: from now on Graph's permissions decide what they may do.</summary>
    public void AddDirectoryUser(string objectId, string displayName)
    {
        lock (_gate)
        {
            _directory[objectId] = new DirectoryUser(objectId, displayName, displayName.Split(' ')[0].ToLowerInvariant() + "@finn.onmicrosoft.com");
        }
    }

    /// <summary>The permissions an item lists now (its own, or inherited), for assertions.</summary>
    public IReadOnlyList<(string Id, string Role, string? UserId, bool Inherited)> PermissionsOf(GraphNode node)
    {
        lock (_gate)
        {
            var (entries, inherited) = Effective(node);
            return [.. entries.Select(entry => (entry.Id, entry.Role, entry.UserId, inherited))];
        }
    }

    /// <summary>Whether an item has permissions of its own (it stopped inheriting).</summary>
    public bool HasOwnPermissions(GraphNode node)
    {
        lock (_gate)
        {
            return _permissions.ContainsKey(node.Id);
        }
    }

    private bool Can(GraphNode node, StoragePermissions wanted)
    {
        if (_caller == AppDisplayName)
        {
            return true;
        }

        if (DirectoryCaller() is { } user)
        {
            return (Granted(node, user.ObjectId) & wanted) == wanted;
        }

        for (var current = node; current is not null; current = current.Parent)
        {
            if (_rules.TryGetValue((_caller, current.Id), out var permissions))
            {
                return (permissions & wanted) == wanted;
            }
        }

        return true;
    }

    private DirectoryUser? DirectoryCaller() => _directory.Values.FirstOrDefault(user => user.DisplayName == _caller);

    private StoragePermissions Granted(GraphNode node, string objectId)
    {
        var granted = StoragePermissions.None;
        foreach (var entry in Effective(node).Entries.Where(entry => string.Equals(entry.UserId, objectId, StringComparison.OrdinalIgnoreCase)))
        {
            granted |= entry.Role switch
            {
                "owner" => StoragePermissions.All,
                "write" => StoragePermissions.Read | StoragePermissions.Write | StoragePermissions.Create | StoragePermissions.Delete,
                "read" => StoragePermissions.Read,
                _ => StoragePermissions.None,
            };
        }

        return granted;
    }

    private (List<GraphPermissionEntry> Entries, bool Inherited) Effective(GraphNode node)
    {
        for (var current = node; current is not null; current = current.Parent)
        {
            if (_permissions.TryGetValue(current.Id, out var entries))
            {
                return (entries, !ReferenceEquals(current, node));
            }
        }

        throw new InvalidOperationException("The root has no permissions.");
    }

    // The library as the drive guide wants it: stopped inheriting from the site, owners only (recorded shapes).
    private static List<GraphPermissionEntry> LibraryOwners() =>
    [
        new("T3BlblByb2plY3QgZmlsZSBzdG9yYWdlIHRlc3RzIE93bmVycw", "owner", null, "siteGroup", "OpenProject file storage tests Owners"),
        new(PermissionId("eschubert.op_outlook.com#ext#@finn.onmicrosoft.com"), "owner", OwnerObjectId, "user", "Eric Schubert"),
        new("Yzowby5jfGZlZGVyYXRlZGRpcmVjdG9yeWNsYWltcHJvdmlkZXJ8NTg1NGI4YTYtNzg5Yi00M2E1LWI3Y2QtMWYwMGFkNGJkMDMwX28", "owner", "5854b8a6-789b-43a5-b7cd-1f00ad4bd030", "group", "OpenProject file storage tests Owners"),
    ];

    // Recorded ids are the base64 of SharePoint's claim, "i:0#.f|membership|<login>", without padding.
    private static string PermissionId(string login) => Convert.ToBase64String(Encoding.UTF8.GetBytes("i:0#.f|membership|" + login)).TrimEnd('=');

    private bool MayManagePermissions() => _caller == AppDisplayName || DirectoryCaller() is { } user && user.ObjectId == OwnerObjectId;

    private (HttpStatusCode Status, string Json) PermissionListing(GraphNode node)
    {
        if (!MayManagePermissions())
        {
            return (HttpStatusCode.Forbidden, ErrorJson("accessDenied", "Access denied"));
        }

        var (entries, inherited) = Effective(node);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("@odata.context", $"https://graph.microsoft.com/v1.0/$metadata#drives('{DriveId.Replace("!", "%21", StringComparison.Ordinal)}')/items('{node.Id}')/permissions");
            writer.WriteStartArray("value");
            foreach (var entry in entries)
            {
                WritePermission(writer, entry, inherited);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return (HttpStatusCode.OK, Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WritePermission(Utf8JsonWriter writer, GraphPermissionEntry entry, bool inherited)
    {
        writer.WriteStartObject();
        writer.WriteString("id", entry.Id);
        writer.WriteStartArray("roles");
        writer.WriteStringValue(entry.Role);
        writer.WriteEndArray();
        writer.WriteString("shareId", entry.Id);
        writer.WriteStartObject("grantedToV2");
        if (entry.Kind == "siteGroup")
        {
            writer.WriteStartObject("siteGroup");
            writer.WriteString("displayName", entry.DisplayName);
            writer.WriteString("id", "3");
            writer.WriteString("loginName", entry.DisplayName);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteStartObject(entry.Kind);
            writer.WriteString("@odata.type", "#microsoft.graph.sharePointIdentity");
            writer.WriteString("displayName", entry.DisplayName);
            writer.WriteString("id", entry.UserId);
            writer.WriteEndObject();
            writer.WriteStartObject("siteUser");
            writer.WriteString("displayName", entry.DisplayName);
            writer.WriteString("id", "24");
            writer.WriteString("loginName", "i:0#.f|membership|" + entry.DisplayName);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteStartObject("grantedTo");
        writer.WriteStartObject("user");
        writer.WriteString("displayName", entry.DisplayName);
        if (entry.UserId is not null)
        {
            writer.WriteString("id", entry.UserId);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        if (inherited)
        {
            writer.WriteStartObject("inheritedFrom");
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private HttpResponseMessage Invite(GraphNode? node, byte[] body)
    {
        if (node is null)
        {
            return Error(HttpStatusCode.NotFound, "itemNotFound", "Item not found");
        }

        if (!MayManagePermissions())
        {
            return AccessDenied();
        }

        using var document = JsonDocument.Parse(body);
        var request = document.RootElement;
        var roles = request.TryGetProperty("roles", out var r) ? r.EnumerateArray().Select(role => role.GetString()).ToList() : [];
        var recipients = request.TryGetProperty("recipients", out var list) ? list.EnumerateArray().Select(recipient => recipient.TryGetProperty("objectId", out var id) ? id.GetString() : null).ToList() : [];

        // What OpenProject sends, and what this stand-in insists on: no mail, sign-in required, one role, object ids.
        if (!request.TryGetProperty("requireSignIn", out var signIn) || !signIn.GetBoolean() || !request.TryGetProperty("sendInvitation", out var mail) || mail.GetBoolean()
            || roles is not ["read" or "write"] || recipients.Count == 0 || recipients.Any(id => id is null))
        {
            return Error(HttpStatusCode.BadRequest, "invalidRequest", "Invalid request");
        }

        if (recipients.Any(id => !_directory.ContainsKey(id!)))
        {
            return Error(HttpStatusCode.BadRequest, "noResolvedUsers", "One or more users could not be resolved.");
        }

        var entries = OwnPermissions(node);
        var granted = new List<GraphPermissionEntry>();
        foreach (var user in recipients.Select(id => _directory[id!]))
        {
            entries.RemoveAll(entry => entry.UserId == user.ObjectId && entry.Role != "owner");
            var entry = new GraphPermissionEntry(PermissionId(user.Email.Replace('@', '_') + "#ext#@finn.onmicrosoft.com"), roles[0]!, user.ObjectId, "user", user.DisplayName);
            entries.Add(entry);
            granted.Add(entry);
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.permission)");
            writer.WriteStartArray("value");
            foreach (var entry in granted)
            {
                writer.WriteStartObject();
                writer.WriteString("@odata.type", "#microsoft.graph.permission");
                writer.WriteString("id", entry.Id);
                writer.WriteStartArray("roles");
                writer.WriteStringValue(entry.Role);
                writer.WriteEndArray();
                writer.WriteStartObject("grantedTo");
                writer.WriteStartObject("user");
                writer.WriteString("id", entry.UserId);
                writer.WriteString("displayName", entry.DisplayName);
                writer.WriteEndObject();
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Respond(HttpStatusCode.OK, Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private HttpResponseMessage DeletePermission(GraphNode? node, string permissionId)
    {
        if (node is null)
        {
            return Error(HttpStatusCode.NotFound, "itemNotFound", "Item not found");
        }

        if (!MayManagePermissions())
        {
            return AccessDenied();
        }

        if (Effective(node).Entries.All(entry => entry.Id != permissionId))
        {
            return Error(HttpStatusCode.NotFound, "itemNotFound", "The permission does not exist.");
        }

        OwnPermissions(node).RemoveAll(entry => entry.Id == permissionId);
        return new HttpResponseMessage(HttpStatusCode.NoContent);
    }

    // Changing an inheriting item's permissions first gives it a copy of what it inherited (SharePoint breaks inheritance).
    private List<GraphPermissionEntry> OwnPermissions(GraphNode node)
    {
        if (!_permissions.TryGetValue(node.Id, out var entries))
        {
            entries = [.. Effective(node).Entries];
            _permissions[node.Id] = entries;
        }

        return entries;
    }

    private static HttpResponseMessage AccessDenied() => Error(HttpStatusCode.Forbidden, "accessDenied", "Access denied");

    private sealed record DirectoryUser(string ObjectId, string DisplayName, string Email);

    private sealed record GraphPermissionEntry(string Id, string Role, string? UserId, string Kind, string DisplayName);
}
