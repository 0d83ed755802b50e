namespace OpenProject.Storages.ProjectFolders;

/// <summary>
/// The changes that bring the storage to the desired state, in order, made by
/// <see cref="ProjectFolderPlanner.Plan"/> and applied by <see cref="ProjectFolderSynchronizer.ApplyAsync"/>.
/// An empty plan means the storage already matches.
/// </summary>
public sealed record ProjectFolderPlan
{
    /// <summary>The technical user the plan was made for; <see langword="null"/> when it needs no rules (OneDrive).</summary>
    public string? TechnicalUserId { get; init; }

    /// <summary>The group the plan was made for; <see langword="null"/> for a storage without one (OneDrive).</summary>
    public string? GroupId { get; init; }

    /// <summary>The root's id.</summary>
    public required FileId RootId { get; init; }

    /// <summary>The steps, in order; <see cref="ProjectFolderStep.Id"/> is the index.</summary>
    public IReadOnlyList<ProjectFolderStep> Steps { get; init; } = [];

    /// <summary>Folder ids the host does not know yet: projects without a usable folder id whose folder already exists under its expected name (it is adopted, not created again).</summary>
    public IReadOnlyDictionary<string, FileId> AdoptedFolderIds { get; init; } = new Dictionary<string, FileId>();

    /// <summary>Members of active projects who get no access because they have not connected their account.</summary>
    public IReadOnlyList<SkippedProjectMember> SkippedMembers { get; init; } = [];

    /// <summary>Whether the group's members could be read; when not, the plan changes no membership.</summary>
    public bool GroupMembersKnown { get; init; } = true;

    /// <summary>Whether the plan changes nothing.</summary>
    public bool IsEmpty => Steps.Count == 0;

    /// <summary>How many steps write to the storage.</summary>
    public int WriteCount => Steps.Count(step => step.IsWrite);
}
