using System.Text;

namespace OpenProject.Storages.Nextcloud.WebDav;

/// <summary>
/// Turns a <c>d:href</c> into the item's path as the user sees it. Each segment is decoded on its own
/// with <see cref="Uri.UnescapeDataString(string)"/> (a <c>+</c> stays a plus, <c>%2F</c> stays in its
/// segment), and everything up to and including <c>remote.php/dav/files/{user}</c> is dropped, so a
/// sub-path install (<c>/nextcloud/remote.php/...</c>) or an absolute href works alike.
/// </summary>
internal static class DavHref
{
    private static readonly string[] FilesRoot = ["remote.php", "dav", "files"];

    /// <summary>The path below the user's files root.</summary>
    /// <exception cref="InvalidDataException">The href is not inside <c>remote.php/dav/files/{user}</c> or has an invalid name.</exception>
    public static StoragePath ToStoragePath(string href, string storageUserId)
    {
        var path = href.AsSpan();
        var scheme = path.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            // An absolute href: keep the raw path so escaping is not disturbed by Uri.
            var rest = path[(scheme + 3)..];
            var slash = rest.IndexOf('/');
            path = slash < 0 ? [] : rest[slash..];
        }

        var query = path.IndexOfAny('?', '#');
        if (query >= 0)
        {
            path = path[..query];
        }

        var segments = path.ToString().Split('/', StringSplitOptions.RemoveEmptyEntries);
        var start = FindFilesRoot(segments, storageUserId);
        if (start < 0)
        {
            throw new InvalidDataException("An href in the multistatus is not inside the user's files.");
        }

        var result = StoragePath.Root;
        for (var i = start; i < segments.Length; i++)
        {
            var name = Uri.UnescapeDataString(segments[i]);
            if (!StoragePath.IsValidName(name))
            {
                throw new InvalidDataException("An href in the multistatus has an invalid name.");
            }

            result = result.Combine(name);
        }

        return result;
    }

    /// <summary>
    /// Whether a path from an answer names the item at a path that was written. Nextcloud stores names in
    /// NFC (it normalises each path it is given), so a name written in NFD comes back in NFC: both sides are
    /// compared in NFC, segment by segment, ordinally. Valid names only (no lone surrogates), so normalising cannot fail.
    /// </summary>
    public static bool SameItem(StoragePath answered, StoragePath written)
    {
        var left = answered.Segments;
        var right = written.Segments;
        if (left.Count != right.Count)
        {
            return false;
        }

        for (var i = 0; i < left.Count; i++)
        {
            if (!string.Equals(left[i], right[i], StringComparison.Ordinal)
                && !string.Equals(left[i].Normalize(NormalizationForm.FormC), right[i].Normalize(NormalizationForm.FormC), StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static int FindFilesRoot(string[] segments, string storageUserId)
    {
        for (var i = 0; i + FilesRoot.Length < segments.Length; i++)
        {
            if (string.Equals(segments[i], FilesRoot[0], StringComparison.Ordinal)
                && string.Equals(segments[i + 1], FilesRoot[1], StringComparison.Ordinal)
                && string.Equals(segments[i + 2], FilesRoot[2], StringComparison.Ordinal)
                && string.Equals(Uri.UnescapeDataString(segments[i + 3]), storageUserId, StringComparison.Ordinal))
            {
                return i + 4;
            }
        }

        return -1;
    }
}
