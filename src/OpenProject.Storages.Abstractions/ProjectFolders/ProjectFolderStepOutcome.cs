namespace OpenProject.Storages.ProjectFolders;

/// <summary>How a step of a sync ended.</summary>
public enum ProjectFolderStepOutcome
{
    /// <summary>The change was made (and, for access lists, read back and found stored).</summary>
    Succeeded,

    /// <summary>The change failed or was refused; the result says why and what to do.</summary>
    Failed,

    /// <summary>The step did not run because a step it depends on failed, or the run was aborted.</summary>
    Skipped,
}
