namespace OpenProject.Storages.Nextcloud.WebDav;

/// <summary>
/// Nextcloud's permission letters (<c>oc:permissions</c>, <c>dav_permissions</c>): <c>S</c> shared,
/// <c>R</c> shareable, <c>M</c> mounted, <c>G</c> readable, <c>D</c> deletable, <c>NV</c> renameable
/// and movable, <c>W</c> writable (files), <c>CK</c> can create inside (folders).
/// </summary>
internal static class DavPermissions
{
    public static StoragePermissions Parse(string? letters)
    {
        if (string.IsNullOrEmpty(letters))
        {
            return StoragePermissions.None;
        }

        var result = StoragePermissions.None;
        foreach (var letter in letters)
        {
            result |= letter switch
            {
                'G' => StoragePermissions.Read,
                'W' or 'N' or 'V' => StoragePermissions.Write,
                'C' or 'K' => StoragePermissions.Create,
                'D' => StoragePermissions.Delete,
                'R' => StoragePermissions.Share,
                _ => StoragePermissions.None,
            };
        }

        return result;
    }
}
