using System.Globalization;
using OpenProject.Storages.Nextcloud.Internal;
using OpenProject.Storages.Nextcloud.Ocs;
using OpenProject.Storages.Nextcloud.WebDav;

namespace OpenProject.Storages.Nextcloud.Files;

/// <summary>Builds <see cref="StorageItem"/>s from a PROPFIND response or an integration-app file info.</summary>
internal static class StorageItemMapper
{
    private const string RootName = "Root";

    /// <exception cref="InvalidDataException">The response has no <c>oc:fileid</c>, an unusable href or an out-of-range value.</exception>
    public static StorageItem FromDav(DavResource resource, string storageUserId)
    {
        var location = DavHref.ToStoragePath(resource.Href, storageUserId);
        if (string.IsNullOrWhiteSpace(resource.FileId))
        {
            throw new InvalidDataException("A multistatus response has no oc:fileid.");
        }

        // d:resourcetype decides; without it, a missing content type means a folder (as OpenProject reads it).
        var isFolder = (resource.Found & DavProperties.ResourceType) != 0
            ? resource.IsCollection
            : string.IsNullOrEmpty(resource.ContentType);
        return new StorageItem
        {
            Id = new FileId(resource.FileId.Trim()),
            Name = location.IsRoot ? RootName : location.Name,
            Location = location,
            Kind = isFolder ? StorageItemKind.Folder : StorageItemKind.File,
            MimeType = isFolder ? StorageItem.FolderMimeType : NullIfEmpty(resource.ContentType),
            Size = ServerValues.SizeOrNone(resource.Size ?? resource.ContentLength),
            LastModifiedAt = resource.LastModified,
            CreatedAt = ServerValues.UnixSecondsOrNone(resource.CreationTime, "nc:creation_time"),
            CreatedByName = NullIfEmpty(resource.OwnerDisplayName),
            Permissions = DavPermissions.Parse(resource.Permissions),
        };
    }

    /// <summary>A successful (<c>statuscode</c> 200) file info entry.</summary>
    /// <exception cref="InvalidDataException">The entry has no id, or a field that could not be read or is out of range.</exception>
    public static StorageItem FromFileInfo(OcsFileInfo info)
    {
        if (info.Unreadable is { } reason)
        {
            throw new InvalidDataException($"A file info entry could not be read: {reason}");
        }

        if (info.Id is not { } id || id <= 0)
        {
            throw new InvalidDataException("A file info entry has no id.");
        }

        var isFolder = string.Equals(info.MimeType, StorageItem.FolderMimeType, StringComparison.Ordinal)
            || string.Equals(info.MimeType, "httpd/unix-directory", StringComparison.Ordinal);
        var location = LocationOf(info);
        return new StorageItem
        {
            Id = new FileId(id.ToString(CultureInfo.InvariantCulture)),
            Name = location.IsRoot ? RootName : (NullIfEmpty(info.Name) ?? location.Name),
            Location = location,
            Kind = isFolder ? StorageItemKind.Folder : StorageItemKind.File,
            MimeType = isFolder ? StorageItem.FolderMimeType : NullIfEmpty(info.MimeType),
            Size = ServerValues.SizeOrNone(info.Size),
            LastModifiedAt = ServerValues.UnixSecondsOrNone(info.ModifiedTime, "mtime"),
            CreatedAt = ServerValues.UnixSecondsOrNone(info.CreatedTime, "ctime"),
            CreatedByName = NullIfEmpty(info.OwnerName),
            LastModifiedByName = NullIfEmpty(info.ModifierName),
            Permissions = DavPermissions.Parse(info.DavPermissions),
        };
    }

    /// <summary><c>files/Project Docs/report.pdf</c> is <c>/Project Docs/report.pdf</c>; folders may end with <c>/</c>.</summary>
    private static StoragePath LocationOf(OcsFileInfo info)
    {
        var path = info.Path;
        if (string.IsNullOrEmpty(path))
        {
            return StoragePath.IsValidName(info.Name) ? StoragePath.Root.Combine(info.Name!) : StoragePath.Root;
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var start = segments.Length > 0 && segments[0] == "files" ? 1 : 0;
        var result = StoragePath.Root;
        for (var i = start; i < segments.Length; i++)
        {
            if (!StoragePath.IsValidName(segments[i]))
            {
                throw new InvalidDataException("A file info path has an invalid name.");
            }

            result = result.Combine(segments[i]);
        }

        return result;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
