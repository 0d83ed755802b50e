namespace OpenProject.Storages.ProjectFolders;

/// <summary>A member of a project, as the host wants them to see the project's folder.</summary>
public sealed record ProjectFolderMember
{
    /// <summary>The host's id of the user.</summary>
    public required HostUserId User { get; init; }

    /// <summary>
    /// The user's id in the storage (Nextcloud: the user id behind their connected account), or
    /// <see langword="null"/> when they have not connected their account. Such members are skipped
    /// and listed in the plan and the report.
    /// </summary>
    public string? StorageUserId { get; init; }

    /// <summary>What the member may do in the project folder; administrators get <see cref="StoragePermissions.All"/>.</summary>
    public required StoragePermissions Permissions { get; init; }
}
