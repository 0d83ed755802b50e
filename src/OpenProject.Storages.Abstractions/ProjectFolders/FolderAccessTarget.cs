namespace OpenProject.Storages.ProjectFolders;

/// <summary>Whom a <see cref="FolderAccessRule"/> applies to.</summary>
public enum FolderAccessTarget
{
    /// <summary>One storage user (Nextcloud: mapping type <c>user</c>).</summary>
    User,

    /// <summary>A group of storage users (Nextcloud: mapping type <c>group</c>).</summary>
    Group,
}
