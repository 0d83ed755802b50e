namespace OpenProject.Storages.ProjectFolders;

/// <summary>A project member who gets no access to the project folder because they have not connected their storage account.</summary>
public sealed record SkippedProjectMember
{
    /// <summary>The project.</summary>
    public required string ProjectId { get; init; }

    /// <summary>The host's id of the member.</summary>
    public required HostUserId User { get; init; }

    /// <summary>Why they were skipped, for an administrator.</summary>
    public required string Reason { get; init; }
}
