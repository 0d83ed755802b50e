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
}
