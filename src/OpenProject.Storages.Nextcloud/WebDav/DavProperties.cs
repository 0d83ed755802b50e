namespace OpenProject.Storages.Nextcloud.WebDav;

/// <summary>The WebDAV properties the provider reads, as flags (found in a 200 propstat, or reported missing).</summary>
[Flags]
internal enum DavProperties
{
    None = 0,
    FileId = 1 << 0,
    Size = 1 << 1,
    ContentType = 1 << 2,
    ContentLength = 1 << 3,
    LastModified = 1 << 4,
    Permissions = 1 << 5,
    OwnerDisplayName = 1 << 6,
    ResourceType = 1 << 7,
    CreationTime = 1 << 8,
    ETag = 1 << 9,
    DisplayName = 1 << 10,
    MountType = 1 << 11,
    GroupFolderId = 1 << 12,
    AclEnabled = 1 << 13,
    AclCanManage = 1 << 14,
    AclList = 1 << 15,

    /// <summary>The team folder (groupfolders) properties, kept in <see cref="DavResource.TeamFolder"/>.</summary>
    TeamFolder = MountType | GroupFolderId | AclEnabled | AclCanManage | AclList,
}
