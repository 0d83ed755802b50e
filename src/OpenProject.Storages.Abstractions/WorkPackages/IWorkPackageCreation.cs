namespace OpenProject.Storages.WorkPackages;

/// <summary>
/// Creating work packages from a storage's integration app ("Create and link a work package" in Nextcloud):
/// the projects to choose from, the create form, assignees and the creation itself. Implemented by the host.
/// </summary>
public interface IWorkPackageCreation
{
    /// <summary>The projects where the user may both create work packages and manage file links.</summary>
    /// <param name="user">The acting user.</param>
    /// <param name="text">Text the project name must contain; <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The projects, parents before children.</returns>
    Task<IReadOnlyList<HostProject>> GetProjectsAsync(HostUserId user, string? text, CancellationToken cancellationToken = default);

    /// <summary>The create form for a draft: allowed types and statuses, the draft with defaults, its validation errors.</summary>
    /// <param name="user">The acting user.</param>
    /// <param name="draft">The draft.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The form; <see langword="null"/> when the project is unknown or the user may not create work packages in it.</returns>
    Task<WorkPackageForm?> GetFormAsync(HostUserId user, WorkPackageDraft draft, CancellationToken cancellationToken = default);

    /// <summary>The users a work package of the project may be assigned to.</summary>
    /// <param name="user">The acting user.</param>
    /// <param name="projectId">The project.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The users; <see langword="null"/> when the project is unknown or not visible to the user.</returns>
    Task<IReadOnlyList<HostUser>?> GetAssigneesAsync(HostUserId user, long projectId, CancellationToken cancellationToken = default);

    /// <summary>Creates a work package.</summary>
    /// <param name="user">The acting user, its author.</param>
    /// <param name="draft">The draft.</param>
    /// <param name="cancellationToken">Cancels the creation.</param>
    /// <returns>The work package, or the validation errors (an unknown or forbidden project is one, on <c>project</c>).</returns>
    Task<WorkPackageCreation> CreateAsync(HostUserId user, WorkPackageDraft draft, CancellationToken cancellationToken = default);
}
