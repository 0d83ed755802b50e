namespace OpenProject.Storages.ProjectFolders;

/// <summary>Options of <see cref="ProjectFolderSynchronizer"/>.</summary>
public sealed class ProjectFolderSyncOptions
{
    /// <summary>
    /// How many steps may run at once (default 4). Steps of one folder always run in order; keep this
    /// low, since every step is a request to the storage.
    /// </summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Whether access list changes are read back and compared (default <see langword="true"/>); a storage may answer success and store nothing.</summary>
    public bool VerifyAccessRules { get; set; } = true;

    /// <summary>
    /// Makes the sync run on one app instance at a time (default none: a single-instance host needs none).
    /// When another instance holds it, <see cref="ProjectFolderSynchronizer.SynchronizeAsync"/> changes nothing and
    /// reports <see cref="ProjectFolderSyncOutcome.Skipped"/>.
    /// </summary>
    public IProjectFolderSyncLock? SyncLock { get; set; }

    /// <summary>The name of the lock, so that syncs of different storages do not wait for each other (default <c>project-folders</c>).</summary>
    public string SyncLockName { get; set; } = "project-folders";

    /// <summary>How long the lock is held at most (default 30 minutes); make it longer than the longest sync.</summary>
    public TimeSpan SyncLockLease { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Keeps each project's folder id between runs (default none: the host passes <see cref="ManagedProject.FolderId"/>
    /// and persists <see cref="ProjectFolderSyncReport.FolderIds"/> itself). When set, a project without a
    /// <see cref="ManagedProject.FolderId"/> gets the stored one, and the ids of created and adopted folders are saved
    /// after the run; <see cref="StorageId"/> names the storage in it.
    /// </summary>
    public IProjectFolderStateStore? StateStore { get; set; }

    /// <summary>The storage whose folder ids <see cref="StateStore"/> keeps; required with it.</summary>
    public StorageId? StorageId { get; set; }
}
