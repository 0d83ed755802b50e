namespace OpenProject.Storages;

/// <summary>
/// What a user may do with a file or folder in the storage. The values equal Nextcloud's team
/// folder ACL bits, so a mask can be sent as it is.
/// </summary>
[Flags]
public enum StoragePermissions
{
    /// <summary>No access.</summary>
    None = 0,

    /// <summary>See and download.</summary>
    Read = 1,

    /// <summary>Change the content, rename or move.</summary>
    Write = 2,

    /// <summary>Create files and folders inside a folder (upload).</summary>
    Create = 4,

    /// <summary>Delete.</summary>
    Delete = 8,

    /// <summary>Share with others.</summary>
    Share = 16,

    /// <summary>Every permission.</summary>
    All = Read | Write | Create | Delete | Share,
}
