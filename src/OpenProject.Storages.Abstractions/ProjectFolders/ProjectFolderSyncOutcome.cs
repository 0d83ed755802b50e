namespace OpenProject.Storages.ProjectFolders;

/// <summary>How a whole sync ended.</summary>
public enum ProjectFolderSyncOutcome
{
    /// <summary>Every step succeeded (or there was nothing to do).</summary>
    Succeeded,

    /// <summary>Some steps failed or were skipped; the others were applied.</summary>
    CompletedWithErrors,

    /// <summary>The managed root could not be read or its permissions could not be set, so nothing else was attempted.</summary>
    Aborted,

    /// <summary>Another app instance held the sync lock (<see cref="ProjectFolderSyncOptions.SyncLock"/>): nothing was read or changed.</summary>
    Skipped,
}
