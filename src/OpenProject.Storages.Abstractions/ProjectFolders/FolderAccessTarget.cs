namespace OpenProject.Storages.ProjectFolders;

/// <summary>Whom a <see cref="FolderAccessRule"/> applies to.</summary>
public enum FolderAccessTarget
{
    /// <summary>One storage user (Nextcloud: mapping type <c>user</c>).</summary>
    User,

    /// <summary>A group of storage users (Nextcloud: mapping type <c>group</c>).</summary>
    Group,

    /// <summary>
    /// Anything else a storage reports in an access list (Nextcloud: mapping type <c>circle</c>, a team).
    /// Project folders never write such a rule; one found on a managed folder makes the folder's access
    /// list differ from the wanted one, so the next run replaces the list and the rule is gone.
    /// </summary>
    Other,
}
