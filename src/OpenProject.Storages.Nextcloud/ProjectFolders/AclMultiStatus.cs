using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using OpenProject.Storages.Nextcloud.WebDav;
using OpenProject.Storages.ProjectFolders;

namespace OpenProject.Storages.Nextcloud.ProjectFolders;

/// <summary>One <c>d:response</c> of a PROPFIND or PROPPATCH multistatus about team folder ACLs.</summary>
internal sealed record AclResource(StoragePath Path, FileId? Id, bool IsCollection, IReadOnlyList<FolderAccessRule> Rules, int? AclStatus);

/// <summary>
/// Reads team folder multistatus bodies (<c>oc:fileid</c>, <c>d:resourcetype</c>, <c>nc:acl-list</c>)
/// with the provider's hardened reader settings, one small tree per <c>d:response</c>, and writes the
/// PROPPATCH that replaces an ACL.
/// </summary>
internal static class AclMultiStatus
{
    private static readonly XNamespace Dav = "DAV:";
    private static readonly XNamespace OwnCloud = "http://owncloud.org/ns";
    private static readonly XNamespace Nextcloud = "http://nextcloud.org/ns";

    /// <summary>What a root read and an ACL read-back ask for.</summary>
    public static readonly byte[] PropfindBody = System.Text.Encoding.UTF8.GetBytes(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns">
          <d:prop>
            <oc:fileid/>
            <d:resourcetype/>
            <nc:acl-list/>
          </d:prop>
        </d:propfind>
        """);

    /// <exception cref="XmlException">Malformed XML.</exception>
    /// <exception cref="InvalidDataException">Not a multistatus, or an entry that cannot be used.</exception>
    public static async Task<List<AclResource>> ReadAsync(Stream body, string storageUserId, CancellationToken cancellationToken)
    {
        using var reader = XmlReader.Create(body, MultiStatusParser.CreateSettings());
        if (await reader.MoveToContentAsync().ConfigureAwait(false) != XmlNodeType.Element
            || reader.LocalName != "multistatus" || reader.NamespaceURI != Dav.NamespaceName)
        {
            throw new InvalidDataException("The body is not a WebDAV multistatus.");
        }

        var resources = new List<AclResource>();
        if (reader.IsEmptyElement)
        {
            return resources;
        }

        await reader.ReadAsync().ConfigureAwait(false);
        while (!reader.EOF && reader.NodeType != XmlNodeType.EndElement)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "response" && reader.NamespaceURI == Dav.NamespaceName)
            {
                var response = (XElement)await XNode.ReadFromAsync(reader, cancellationToken).ConfigureAwait(false);
                resources.Add(Map(response, storageUserId));
            }
            else if (reader.NodeType == XmlNodeType.Element)
            {
                await reader.SkipAsync().ConfigureAwait(false);
            }
            else
            {
                await reader.ReadAsync().ConfigureAwait(false);
            }
        }

        return resources;
    }

    /// <summary>The PROPPATCH body that replaces a node's whole ACL; ids are escaped by the writer.</summary>
    public static byte[] ProppatchBody(IReadOnlyList<FolderAccessRule> rules)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false), Indent = false }))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("d", "propertyupdate", Dav.NamespaceName);
            writer.WriteAttributeString("xmlns", "nc", null, Nextcloud.NamespaceName);
            writer.WriteStartElement("set", Dav.NamespaceName);
            writer.WriteStartElement("prop", Dav.NamespaceName);
            writer.WriteStartElement("acl-list", Nextcloud.NamespaceName);
            foreach (var rule in rules)
            {
                writer.WriteStartElement("acl", Nextcloud.NamespaceName);
                writer.WriteElementString("acl-mapping-type", Nextcloud.NamespaceName, rule.Target == FolderAccessTarget.Group ? "group" : "user");
                writer.WriteElementString("acl-mapping-id", Nextcloud.NamespaceName, rule.TargetId);
                writer.WriteElementString("acl-mask", Nextcloud.NamespaceName, ((int)rule.Mask).ToString(CultureInfo.InvariantCulture));
                writer.WriteElementString("acl-permissions", Nextcloud.NamespaceName, ((int)rule.Permissions).ToString(CultureInfo.InvariantCulture));
                writer.WriteEndElement();
            }

            writer.WriteEndDocument();
        }

        return stream.ToArray();
    }

    private static AclResource Map(XElement response, string storageUserId)
    {
        var href = response.Element(Dav + "href")?.Value.Trim() ?? throw new InvalidDataException("A multistatus entry has no href.");
        var path = DavHref.ToStoragePath(href, storageUserId);
        FileId? id = null;
        var collection = false;
        IReadOnlyList<FolderAccessRule> rules = [];
        int? aclStatus = null;
        foreach (var propstat in response.Elements(Dav + "propstat"))
        {
            var status = StatusCode(propstat.Element(Dav + "status")?.Value);
            var prop = propstat.Element(Dav + "prop");
            if (prop is null)
            {
                continue;
            }

            if (prop.Element(Nextcloud + "acl-list") is { } acl)
            {
                aclStatus = status;
                if (status == 200)
                {
                    rules = [.. acl.Elements(Nextcloud + "acl").Select(Rule).OfType<FolderAccessRule>()];
                }
            }

            if (status != 200)
            {
                continue;
            }

            if (prop.Element(OwnCloud + "fileid")?.Value.Trim() is { Length: > 0 } fileId)
            {
                id = new FileId(fileId);
            }

            collection |= prop.Element(Dav + "resourcetype")?.Element(Dav + "collection") is not null;
        }

        return new AclResource(path, id, collection, rules, aclStatus);
    }

    // Circle rules are not something project folders set; they are left out rather than misread.
    private static FolderAccessRule? Rule(XElement acl)
    {
        var type = acl.Element(Nextcloud + "acl-mapping-type")?.Value.Trim();
        var id = acl.Element(Nextcloud + "acl-mapping-id")?.Value;
        var target = type switch
        {
            "user" => FolderAccessTarget.User,
            "group" => FolderAccessTarget.Group,
            _ => (FolderAccessTarget?)null,
        };
        if (target is null || string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        return new FolderAccessRule(target.Value, id, (StoragePermissions)Number(acl, "acl-permissions"), (StoragePermissions)Number(acl, "acl-mask"));
    }

    private static int Number(XElement acl, string name) =>
        int.TryParse(acl.Element(Nextcloud + name)?.Value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"An ACL rule has no numeric {name}.");

    private static int? StatusCode(string? statusLine)
    {
        // "HTTP/1.1 200 OK"
        var parts = statusLine?.Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        return parts is { Length: >= 2 } && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : null;
    }
}
