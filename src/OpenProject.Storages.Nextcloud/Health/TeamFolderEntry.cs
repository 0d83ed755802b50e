namespace OpenProject.Storages.Nextcloud.Health;

/// <summary>One response of the team folder PROPFIND: the folder itself (first) or one of its children.</summary>
internal sealed record TeamFolderEntry(string Href, string? FileId, bool IsGroupMount, bool AclEnabled, bool AclCanManage)
{
    /// <summary>The last path segment, unescaped, for messages.</summary>
    public string Name => Uri.UnescapeDataString(Href.TrimEnd('/').Split('/')[^1]);
}
