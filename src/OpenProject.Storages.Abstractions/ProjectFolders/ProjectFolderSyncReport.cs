namespace OpenProject.Storages.ProjectFolders;

/// <summary>
/// The result of a sync: every step with its outcome and, for failures, a message an administrator
/// can act on; the folder ids the host must persist; the members skipped for having no storage account.
/// </summary>
public sealed record ProjectFolderSyncReport
{
    /// <summary>How the sync ended.</summary>
    public required ProjectFolderSyncOutcome Outcome { get; init; }

    /// <summary>Every planned step with its outcome, in plan order.</summary>
    public IReadOnlyList<ProjectFolderStepResult> Steps { get; init; } = [];

    /// <summary>
    /// Project id → folder id, for every project whose folder id the host does not know yet (created or
    /// adopted folders). Persist them: the next run finds the folders by id, even after a rename.
    /// </summary>
    public IReadOnlyDictionary<string, FileId> FolderIds { get; init; } = new Dictionary<string, FileId>();

    /// <summary>Members of active projects who got no access because they have not connected their account.</summary>
    public IReadOnlyList<SkippedProjectMember> SkippedMembers { get; init; } = [];

    /// <summary>Why the sync was aborted or skipped; <see langword="null"/> unless <see cref="Outcome"/> is <see cref="ProjectFolderSyncOutcome.Aborted"/> or <see cref="ProjectFolderSyncOutcome.Skipped"/>.</summary>
    public string? AbortMessage { get; init; }

    /// <summary>The error code of the failure that aborted the sync.</summary>
    public StorageErrorCode? AbortCode { get; init; }

    /// <summary>How many writing requests the sync sent to the storage (a run with nothing to change sends none).</summary>
    public int WriteRequests { get; init; }

    /// <summary>The failed steps.</summary>
    public IEnumerable<ProjectFolderStepResult> Failures => Steps.Where(step => step.Outcome == ProjectFolderStepOutcome.Failed);

    /// <summary>Whether nothing failed or was skipped.</summary>
    public bool IsSuccess => Outcome == ProjectFolderSyncOutcome.Succeeded;
}
