using System.Globalization;
using System.Xml;
using OpenProject.Storages.Nextcloud.Internal;
using OpenProject.Storages.Nextcloud.WebDav;
using OpenProject.Storages.ProjectFolders;

namespace OpenProject.Storages.Nextcloud.ProjectFolders;

/// <summary>One <c>d:response</c> of a PROPFIND or PROPPATCH multistatus about team folder ACLs.</summary>
internal sealed record AclResource(StoragePath Path, FileId? Id, bool IsCollection, IReadOnlyList<FolderAccessRule> Rules, int? AclStatus);

/// <summary>
/// Team folder ACLs in WebDAV terms: maps what <see cref="MultiStatusParser"/> read (<c>oc:fileid</c>,
/// <c>d:resourcetype</c>, <c>nc:acl-list</c>) to <see cref="FolderAccessRule"/>s, and writes the
/// PROPPATCH that replaces an ACL.
/// </summary>
internal static class TeamFolderAcl
{
    private const string DavNamespace = "DAV:";
    private const string NextcloudNamespace = "http://nextcloud.org/ns";

    /// <summary>The PROPPATCH body that replaces a node's whole ACL; ids are escaped by the writer.</summary>
    public static byte[] ProppatchBody(IReadOnlyList<FolderAccessRule> rules)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false), Indent = false }))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("d", "propertyupdate", DavNamespace);
            writer.WriteAttributeString("xmlns", "nc", null, NextcloudNamespace);
            writer.WriteStartElement("set", DavNamespace);
            writer.WriteStartElement("prop", DavNamespace);
            writer.WriteStartElement("acl-list", NextcloudNamespace);
            foreach (var rule in rules)
            {
                if (rule.Target == FolderAccessTarget.Other)
                {
                    throw new ArgumentException($"The rule '{rule}' is of a kind project folders read but never write.", nameof(rules));
                }

                writer.WriteStartElement("acl", NextcloudNamespace);
                writer.WriteElementString("acl-mapping-type", NextcloudNamespace, rule.Target == FolderAccessTarget.Group ? "group" : "user");
                writer.WriteElementString("acl-mapping-id", NextcloudNamespace, rule.TargetId);
                writer.WriteElementString("acl-mask", NextcloudNamespace, ((int)rule.Mask).ToString(CultureInfo.InvariantCulture));
                writer.WriteElementString("acl-permissions", NextcloudNamespace, ((int)rule.Permissions).ToString(CultureInfo.InvariantCulture));
                writer.WriteEndElement();
            }

            writer.WriteEndDocument();
        }

        return stream.ToArray();
    }

    /// <summary>The item's path below the user's files, its id, type and ACL rules.</summary>
    /// <exception cref="InvalidDataException">An entry without a usable href, or an ACL rule without numbers.</exception>
    public static AclResource ToAclResource(DavResource resource, string storageUserId)
    {
        if (resource.Href.Length == 0)
        {
            throw new InvalidDataException("A multistatus entry has no href.");
        }

        var path = DavHref.ToStoragePath(resource.Href, storageUserId);
        var id = resource.FileId?.Trim() is { Length: > 0 } fileId ? new FileId(fileId) : (FileId?)null;
        var acl = resource.TeamFolder;
        IReadOnlyList<FolderAccessRule> rules = acl is null || acl.AclListStatus != 200 ? [] : [.. acl.AclList.Select(Rule).OfType<FolderAccessRule>()];
        return new AclResource(path, id, resource.IsCollection, rules, acl?.AclListStatus);
    }

    // A circle (team) rule is kept as Other, id prefixed with its type: project folders never set one, so a
    // circle rule an administrator added makes the list differ and is replaced, as OpenProject replaces the whole list.
    private static FolderAccessRule? Rule(DavAcl acl)
    {
        var type = acl.MappingType?.Trim();
        if (string.IsNullOrEmpty(type) || string.IsNullOrWhiteSpace(acl.MappingId))
        {
            return null;
        }

        var (target, id) = type switch
        {
            "user" => (FolderAccessTarget.User, acl.MappingId),
            "group" => (FolderAccessTarget.Group, acl.MappingId),
            _ => (FolderAccessTarget.Other, type + ":" + acl.MappingId),
        };
        return new FolderAccessRule(target, id, (StoragePermissions)Number(acl.Permissions, "acl-permissions"), (StoragePermissions)Number(acl.Mask, "acl-mask"));
    }

    /// <summary>Nextcloud's permission bits: read 1, update 2, create 4, delete 8, share 16.</summary>
    private const int AllPermissionBits = 31;

    private static int Number(string? text, string name) =>
        ServerValues.BoundedInt(text) is { } value and <= AllPermissionBits
            ? value
            : throw new InvalidDataException($"An ACL rule has no {name} between 0 and {AllPermissionBits}.");
}
