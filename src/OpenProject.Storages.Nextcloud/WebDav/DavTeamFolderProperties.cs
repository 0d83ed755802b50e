namespace OpenProject.Storages.Nextcloud.WebDav;

/// <summary>
/// The team folder (groupfolders) properties of one <c>d:response</c>. Kept apart from
/// <see cref="DavResource"/> so that listings, which never ask for them, pay nothing for them.
/// </summary>
internal sealed class DavTeamFolderProperties
{
    /// <summary><c>nc:mount-type</c>: <c>group</c> for a team folder, empty for the user's own files.</summary>
    public string? MountType { get; set; }

    /// <summary><c>nc:group-folder-id</c>, present only inside a team folder.</summary>
    public string? GroupFolderId { get; set; }

    /// <summary><c>nc:acl-enabled</c> (<c>1</c> or <c>true</c>).</summary>
    public bool AclEnabled { get; set; }

    /// <summary><c>nc:acl-can-manage</c> (<c>1</c> or <c>true</c>) for the requesting user.</summary>
    public bool AclCanManage { get; set; }

    /// <summary>The <c>nc:acl</c> rules of <c>nc:acl-list</c> on this node, as sent.</summary>
    public IReadOnlyList<DavAcl> AclList { get; set; } = [];

    /// <summary>
    /// The status of the propstat that carried <c>nc:acl-list</c>, also when it was refused: a PROPPATCH
    /// that no ACL handler took answers 207 with 403 for it.
    /// </summary>
    public int? AclListStatus { get; set; }

    /// <summary>Whether the node is in a team folder: mount type <c>group</c>, or a group folder id.</summary>
    public bool IsGroupMount =>
        string.Equals(MountType?.Trim(), "group", StringComparison.Ordinal) || !string.IsNullOrWhiteSpace(GroupFolderId);
}
