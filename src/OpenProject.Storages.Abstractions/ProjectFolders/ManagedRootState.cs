namespace OpenProject.Storages.ProjectFolders;

/// <summary>
/// The managed root as it is (Nextcloud: the team folder; OneDrive: the drive's root): its id and access list and the
/// folders directly under it.
/// </summary>
public sealed record ManagedRootState
{
    /// <summary>The root's id.</summary>
    public required FileId RootId { get; init; }

    /// <summary>The rules set on the root; empty for a storage whose root's access list the sync does not manage (OneDrive).</summary>
    public IReadOnlyList<FolderAccessRule> RootAccessRules { get; init; } = [];

    /// <summary>The folders directly under the root (files are not listed).</summary>
    public IReadOnlyList<ProjectFolderEntry> Folders { get; init; } = [];

    /// <summary>
    /// Whether the storage compares names without regard to case (SharePoint does, Nextcloud does not): then a folder
    /// named <c>APOLLO (1)</c> is the one the planner adopts for the project folder <c>Apollo (1)</c> (and renames to
    /// the exact name), instead of planning a create that the storage refuses on every run.
    /// </summary>
    public bool NamesIgnoreCase { get; init; }
}
