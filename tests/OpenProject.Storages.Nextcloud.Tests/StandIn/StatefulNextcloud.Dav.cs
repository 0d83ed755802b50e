using System.Globalization;
using System.Net;
using System.Text;
using System.Xml;

namespace OpenProject.Storages.Nextcloud.Tests.StandIn;

/// <summary>WebDAV: <c>remote.php/dav/files/{user}/…</c> and chunked upload v2 in <c>remote.php/dav/uploads/{user}/…</c>.</summary>
internal sealed partial class StatefulNextcloud
{
    private const string Dav = "DAV:";
    private const string OwnCloud = "http://owncloud.org/ns";
    private const string NextcloudNs = "http://nextcloud.org/ns";

    /// <summary>What Nextcloud answers to a PROPFIND without a body (a subset of its allprop set).</summary>
    private static readonly (string Ns, string Name)[] AllProps =
    [
        (Dav, "getlastmodified"), (Dav, "getetag"), (Dav, "getcontenttype"), (Dav, "getcontentlength"), (Dav, "resourcetype"),
        (OwnCloud, "fileid"), (OwnCloud, "id"), (OwnCloud, "permissions"), (OwnCloud, "size"),
    ];

    private HttpResponseMessage Files(RecordedRequest request, byte[] body, string user, string owner, string rest)
    {
        if (ParsePath(rest) is not { } path)
        {
            return SabreError(HttpStatusCode.BadRequest, "BadRequest", "Invalid path");
        }

        if (!string.Equals(owner, user, StringComparison.Ordinal))
        {
            // Another user's home: Nextcloud shows an empty collection to PROPFIND and refuses the rest.
            return request.Method == "PROPFIND" && path.IsRoot
                ? Xml(HttpStatusCode.MultiStatus, MultiStatusHead + "<d:response><d:href>" + FilesHref(owner, StoragePath.Root, folder: true) + "</d:href><d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>")
                : Forbidden();
        }

        return request.Method switch
        {
            "PROPFIND" => Propfind(request, body, user, path),
            "MKCOL" => Mkcol(user, path),
            "MOVE" => Move(request, user, path),
            "DELETE" => Delete(user, path),
            "PUT" => Put(request, body, user, path),
            "GET" => Get(user, path),
            _ => SabreError(HttpStatusCode.NotImplemented, "NotImplemented", "There was no plugin in the system that was willing to handle this " + request.Method + " method."),
        };
    }

    private const string MultiStatusHead =
        "<?xml version=\"1.0\"?>\n<d:multistatus xmlns:d=\"DAV:\" xmlns:s=\"http://sabredav.org/ns\" xmlns:oc=\"http://owncloud.org/ns\" xmlns:nc=\"http://nextcloud.org/ns\">";

    private HttpResponseMessage Propfind(RecordedRequest request, byte[] body, string user, StoragePath path)
    {
        if (Lookup(user, path) is not { } node)
        {
            return NotFound(path);
        }

        (string Ns, string Name)[] props;
        try
        {
            props = RequestedProps(body);
        }
        catch (XmlException)
        {
            return SabreError(HttpStatusCode.BadRequest, "BadRequest", "The request body had an invalid XML body.");
        }

        var depth = request.Header("Depth") ?? "infinity";
        var nodes = new List<StandInNode> { node };
        if (node.IsFolder && depth != "0")
        {
            AddVisibleChildren(user, node, nodes, recursive: depth == "infinity");
        }

        var xml = new StringBuilder(MultiStatusHead);
        foreach (var item in nodes)
        {
            AppendResponse(xml, user, item, props);
        }

        return Xml(HttpStatusCode.MultiStatus, xml.Append("</d:multistatus>").ToString());
    }

    private void AddVisibleChildren(string user, StandInNode folder, List<StandInNode> into, bool recursive)
    {
        foreach (var child in folder.Children.Values.OrderBy(child => child.Name, StringComparer.Ordinal))
        {
            if (!PermissionsOf(user, child).HasFlag(StoragePermissions.Read))
            {
                continue;
            }

            into.Add(child);
            if (recursive && child.IsFolder)
            {
                AddVisibleChildren(user, child, into, recursive);
            }
        }
    }

    private static (string Ns, string Name)[] RequestedProps(byte[] body)
    {
        if (body.Length == 0)
        {
            return AllProps;
        }

        var props = new List<(string, string)>();
        using var reader = XmlReader.Create(new MemoryStream(body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var inProp = false;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.NamespaceURI == Dav && reader.LocalName == "allprop")
            {
                return AllProps;
            }

            if (reader.NodeType == XmlNodeType.Element && reader.NamespaceURI == Dav && reader.LocalName == "prop")
            {
                inProp = !reader.IsEmptyElement;
            }
            else if (reader.NodeType == XmlNodeType.EndElement && reader.NamespaceURI == Dav && reader.LocalName == "prop")
            {
                inProp = false;
            }
            else if (inProp && reader.NodeType == XmlNodeType.Element && reader.Depth == 2)
            {
                props.Add((reader.NamespaceURI, reader.LocalName));
            }
        }

        return [.. props];
    }

    /// <summary>One <c>d:response</c>: the props it has under 200, the rest under 404 (as Sabre does).</summary>
    private void AppendResponse(StringBuilder xml, string user, StandInNode node, (string Ns, string Name)[] props)
    {
        var permissions = PermissionsOf(user, node);
        var found = new StringBuilder();
        var missing = new StringBuilder();
        foreach (var (ns, name) in props)
        {
            var element = Element(ns, name);
            var value = PropValue(node, permissions, ns, name);
            if (value is null)
            {
                missing.Append('<').Append(element).Append(Declaration(ns)).Append("/>");
            }
            else
            {
                found.Append('<').Append(element).Append(Declaration(ns)).Append('>').Append(value).Append("</").Append(element).Append('>');
            }
        }

        xml.Append("<d:response><d:href>").Append(FilesHref(user, node.Path, node.IsFolder)).Append("</d:href>");
        if (found.Length > 0)
        {
            xml.Append("<d:propstat><d:prop>").Append(found).Append("</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>");
        }

        if (missing.Length > 0)
        {
            xml.Append("<d:propstat><d:prop>").Append(missing).Append("</d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>");
        }

        xml.Append("</d:response>");
    }

    private static string Element(string ns, string name) => ns switch
    {
        Dav => "d:" + name,
        OwnCloud => "oc:" + name,
        NextcloudNs => "nc:" + name,
        _ => "x1:" + name,
    };

    private static string Declaration(string ns) => ns is Dav or OwnCloud or NextcloudNs ? string.Empty : " xmlns:x1=\"" + EscapeXml(ns) + "\"";

    private static string? PropValue(StandInNode node, StoragePermissions permissions, string ns, string name) => (ns, name) switch
    {
        (Dav, "displayname") => EscapeXml(node.Parent is null ? string.Empty : node.Name),
        (Dav, "getlastmodified") => node.ModifiedAt.ToString("r", CultureInfo.InvariantCulture),
        (Dav, "getetag") => EscapeXml(node.ETag),
        (Dav, "getcontenttype") => node.ContentType,
        (Dav, "getcontentlength") => node.IsFolder ? null : node.Size.ToString(CultureInfo.InvariantCulture),
        (Dav, "resourcetype") => node.IsFolder ? "<d:collection/>" : string.Empty,
        (OwnCloud, "fileid") => node.Id.ToString(CultureInfo.InvariantCulture),
        (OwnCloud, "id") => node.DavId,
        (OwnCloud, "permissions") => node.PermissionLetters(permissions),
        (OwnCloud, "size") => node.Size.ToString(CultureInfo.InvariantCulture),
        (OwnCloud, "owner-id") => EscapeXml(node.OwnerId),
        (OwnCloud, "owner-display-name") => EscapeXml(node.OwnerDisplayName),
        (NextcloudNs, "creation_time") => Unix(node.CreatedAt),
        _ => null,
    };

    /// <summary>The href Sabre writes: the base path, then each segment escaped like <c>Sabre\HTTP\encodePath</c>; folders end with <c>/</c>.</summary>
    private string FilesHref(string user, StoragePath path, bool folder)
    {
        var href = new StringBuilder(BaseAddress.AbsolutePath.TrimEnd('/')).Append("/remote.php/dav/files/").Append(SabreEscape(user));
        foreach (var segment in path.Segments)
        {
            href.Append('/').Append(SabreEscape(segment));
        }

        if (folder)
        {
            href.Append('/');
        }

        return href.ToString();
    }

    /// <summary>Keeps <c>A-Za-z0-9_-.~()/:@</c>, percent-encodes every other UTF-8 byte in upper-case hex.</summary>
    private static string SabreEscape(string segment)
    {
        var result = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(segment))
        {
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '~' or '(' or ')' or ':' or '@'))
            {
                result.Append(c);
            }
            else
            {
                result.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return result.ToString();
    }

    private HttpResponseMessage Mkcol(string user, StoragePath path)
    {
        if (path.IsRoot || Find(path) is not null)
        {
            return SabreError(HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", "The resource you tried to create already exists");
        }

        if (Lookup(user, path.Parent) is not { IsFolder: true } parent)
        {
            return SabreError(HttpStatusCode.Conflict, "Conflict", "Parent node does not exist");
        }

        if (!PermissionsOf(user, parent).HasFlag(StoragePermissions.Create))
        {
            return Forbidden();
        }

        return Done(HttpStatusCode.Created, NewNode(path.Name, parent, isFolder: true, user));
    }

    private HttpResponseMessage Move(RecordedRequest request, string user, StoragePath path)
    {
        if (Lookup(user, path) is not { } source || source.Parent is null)
        {
            return NotFound(path);
        }

        if (DestinationPath(request, user) is not { } destination)
        {
            return SabreError(HttpStatusCode.BadGateway, "BadGateway", "The destination node is not on this server");
        }

        if (Lookup(user, destination.Parent) is not { IsFolder: true } target)
        {
            return SabreError(HttpStatusCode.Conflict, "Conflict", "The destination node is not found");
        }

        if (target.IsSameOrBelow(source))
        {
            return SabreError(HttpStatusCode.Conflict, "Conflict", "Cannot move a node into itself");
        }

        var existing = target.Children.GetValueOrDefault(Normalize(destination.Name));
        if (ReferenceEquals(existing, source))
        {
            return SabreError(HttpStatusCode.Forbidden, "Forbidden", "Source and destination uri are identical.");
        }

        if (existing is not null && string.Equals(request.Header("Overwrite"), "F", StringComparison.OrdinalIgnoreCase))
        {
            return SabreError(HttpStatusCode.PreconditionFailed, "PreconditionFailed", "The destination node already exists, and the overwrite header is set to false", "Overwrite");
        }

        var sourcePermissions = PermissionsOf(user, source);
        var moving = !ReferenceEquals(source.Parent, target);
        if (!sourcePermissions.HasFlag(StoragePermissions.Write)
            || (moving && !sourcePermissions.HasFlag(StoragePermissions.Delete))
            || (moving && !PermissionsOf(user, target).HasFlag(StoragePermissions.Create))
            || (existing is not null && !PermissionsOf(user, existing).HasFlag(StoragePermissions.Delete)))
        {
            return Forbidden();
        }

        if (existing is not null)
        {
            Detach(existing);
        }

        source.Parent.Children.Remove(source.Name);
        source.Parent.ModifiedAt = Now;
        source.Name = Normalize(destination.Name);
        source.Parent = target;
        target.Children.Add(source.Name, source);
        target.ModifiedAt = Now;
        return Done(existing is null ? HttpStatusCode.Created : HttpStatusCode.NoContent, source);
    }

    /// <summary>The <c>Destination</c> header as a path in the user's files, or <see langword="null"/>.</summary>
    private StoragePath? DestinationPath(RecordedRequest request, string user)
    {
        if (!Uri.TryCreate(request.Header("Destination"), UriKind.Absolute, out var destination)
            || RelativePath(destination) is not { } relative
            || !TrySplit(relative, "remote.php/dav/files/", out var owner, out var rest)
            || !string.Equals(owner, user, StringComparison.Ordinal)
            || ParsePath(rest) is not { IsRoot: false } path)
        {
            return null;
        }

        return path;
    }

    private HttpResponseMessage Delete(string user, StoragePath path)
    {
        if (Lookup(user, path) is not { } node)
        {
            return NotFound(path);
        }

        if (node.Parent is null || !PermissionsOf(user, node).HasFlag(StoragePermissions.Delete))
        {
            return Forbidden();
        }

        node.Parent.ModifiedAt = Now;
        Detach(node);
        return Respond(HttpStatusCode.NoContent);
    }

    private HttpResponseMessage Put(RecordedRequest request, byte[] body, string user, StoragePath path)
    {
        if (path.IsRoot || Lookup(user, path.Parent) is not { IsFolder: true } parent)
        {
            return NotFound(path.Parent);
        }

        var existing = parent.Children.GetValueOrDefault(Normalize(path.Name));
        if (existing is not null && request.Header("If-None-Match") == "*")
        {
            return SabreError(HttpStatusCode.PreconditionFailed, "PreconditionFailed", "An If-None-Match header was specified, but the ETag matched (or * was specified).", "If-None-Match");
        }

        return Store(user, parent, path.Name, existing, body);
    }

    /// <summary>Creates or replaces a file's content (PUT and the final MOVE of a chunked upload).</summary>
    private HttpResponseMessage Store(string user, StandInNode parent, string name, StandInNode? existing, byte[] content)
    {
        if (existing is not null)
        {
            if (existing.IsFolder)
            {
                return SabreError(HttpStatusCode.Conflict, "Conflict", "A folder with that name already exists");
            }

            if (!CanSee(user, existing) || !PermissionsOf(user, existing).HasFlag(StoragePermissions.Write))
            {
                return Forbidden();
            }

            existing.Content = content;
            existing.Version++;
            existing.ModifiedAt = Now;
            return Done(HttpStatusCode.NoContent, existing);
        }

        if (!PermissionsOf(user, parent).HasFlag(StoragePermissions.Create))
        {
            return Forbidden();
        }

        var node = NewNode(name, parent, isFolder: false, user);
        node.Content = content;
        return Done(HttpStatusCode.Created, node);
    }

    private HttpResponseMessage Get(string user, StoragePath path)
    {
        if (Lookup(user, path) is not { } node)
        {
            return NotFound(path);
        }

        if (node.IsFolder)
        {
            return SabreError(HttpStatusCode.NotImplemented, "NotImplemented", "GET is only implemented on File objects");
        }

        return Download(node);
    }

    private static HttpResponseMessage Download(StandInNode node)
    {
        var response = Respond(HttpStatusCode.OK, node.Content, node.ContentType + (node.ContentType!.StartsWith("text/", StringComparison.Ordinal) ? ";charset=UTF-8" : string.Empty));
        response.Headers.TryAddWithoutValidation("ETag", node.ETag);
        response.Headers.TryAddWithoutValidation("OC-ETag", node.ETag);
        response.Content.Headers.TryAddWithoutValidation("Last-Modified", node.ModifiedAt.ToString("r", CultureInfo.InvariantCulture));
        response.Content.Headers.TryAddWithoutValidation("Content-Disposition", "attachment; filename*=UTF-8''" + Uri.EscapeDataString(node.Name) + "; filename=\"" + Uri.EscapeDataString(node.Name) + "\"");
        return response;
    }

    private HttpResponseMessage Uploads(RecordedRequest request, byte[] body, string user, string owner, string rest)
    {
        if (!string.Equals(owner, user, StringComparison.Ordinal))
        {
            return Forbidden();
        }

        var parts = rest.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return SabreError(HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", "The resource you tried to create already exists");
        }

        var key = user + "/" + Uri.UnescapeDataString(parts[0]);
        var session = _uploads.GetValueOrDefault(key);
        switch (request.Method, parts.Length)
        {
            case ("MKCOL", 1):
                if (session is not null)
                {
                    return SabreError(HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", "The resource you tried to create already exists");
                }

                _uploads[key] = new UploadSession(user);
                return Done(HttpStatusCode.Created);
            case ("DELETE", 1):
                return _uploads.Remove(key) ? Respond(HttpStatusCode.NoContent) : SabreError(HttpStatusCode.NotFound, "NotFound", "File with name " + parts[0] + " could not be located");
            case ("PUT", 2):
                if (session is null)
                {
                    return SabreError(HttpStatusCode.NotFound, "NotFound", "File with name " + parts[0] + " could not be located");
                }

                if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 10000)
                {
                    return SabreError(HttpStatusCode.BadRequest, "BadRequest", "Invalid chunk name");
                }

                session.Chunks[parts[1]] = body;
                return Done(HttpStatusCode.Created);
            case ("MOVE", 2) when parts[1] == ".file":
                return Assemble(request, user, key, session);
            default:
                return SabreError(HttpStatusCode.NotImplemented, "NotImplemented", "Not supported by the stand-in");
        }
    }

    private HttpResponseMessage Assemble(RecordedRequest request, string user, string key, UploadSession? session)
    {
        if (session is null)
        {
            return SabreError(HttpStatusCode.NotFound, "NotFound", "File with name .file could not be located");
        }

        var content = session.Chunks.Values.SelectMany(chunk => chunk).ToArray();
        if (request.Header("OC-Total-Length") is { } total && total != content.Length.ToString(CultureInfo.InvariantCulture))
        {
            return SabreError(HttpStatusCode.BadRequest, "BadRequest", $"Chunks on server do not sum up to {total} but to {content.Length} bytes");
        }

        if (DestinationPath(request, user) is not { } destination)
        {
            return SabreError(HttpStatusCode.BadGateway, "BadGateway", "The destination node is not on this server");
        }

        if (Lookup(user, destination.Parent) is not { IsFolder: true } parent)
        {
            return SabreError(HttpStatusCode.Conflict, "Conflict", "The destination node is not found");
        }

        var existing = parent.Children.GetValueOrDefault(Normalize(destination.Name));
        if (existing is not null && string.Equals(request.Header("Overwrite"), "F", StringComparison.OrdinalIgnoreCase))
        {
            return SabreError(HttpStatusCode.PreconditionFailed, "PreconditionFailed", "The destination node already exists, and the overwrite header is set to false", "Overwrite");
        }

        var response = Store(user, parent, destination.Name, existing, content);
        if (response.IsSuccessStatusCode)
        {
            _uploads.Remove(key);
        }

        return response;
    }
}
