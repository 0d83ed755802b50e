using OpenProject.Storages.Nextcloud.WebDav;

namespace OpenProject.Storages.Nextcloud.Health;

/// <summary>One response of the team folder PROPFIND: the folder itself (first) or one of its children.</summary>
internal sealed record TeamFolderEntry(string Href, string? FileId, bool IsGroupMount, bool AclEnabled, bool AclCanManage)
{
    /// <summary>The last path segment, unescaped, for messages.</summary>
    public string Name => Uri.UnescapeDataString(Href.TrimEnd('/').Split('/')[^1]);

    /// <summary>What the checks need of a parsed response; properties in a 404 propstat read as false or nothing.</summary>
    public static TeamFolderEntry From(DavResource resource)
    {
        var teamFolder = resource.TeamFolder;
        var fileId = resource.FileId?.Trim();
        return new TeamFolderEntry(
            resource.Href,
            string.IsNullOrEmpty(fileId) ? null : fileId,
            teamFolder?.IsGroupMount ?? false,
            teamFolder?.AclEnabled ?? false,
            teamFolder?.AclCanManage ?? false);
    }
}
