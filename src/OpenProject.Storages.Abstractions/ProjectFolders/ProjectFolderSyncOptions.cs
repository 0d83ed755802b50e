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
}
