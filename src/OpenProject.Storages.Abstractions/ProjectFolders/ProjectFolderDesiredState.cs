namespace OpenProject.Storages.ProjectFolders;

/// <summary>
/// What the host wants the managed root (Nextcloud: the team folder) to look like: one folder per managed project, with the right
/// people and permissions, and the storage group holding every connected user.
/// </summary>
public sealed record ProjectFolderDesiredState
{
    /// <summary>
    /// The storage user id of the technical user (Nextcloud: <c>OpenProject</c>); it keeps full access everywhere
    /// through a rule on every folder. <see langword="null"/> for a storage whose technical user needs no rule
    /// (OneDrive: the app reaches every item through its app role, and the drive's owners keep theirs).
    /// </summary>
    public string? TechnicalUserId { get; init; }

    /// <summary>
    /// The storage group whose members may see the managed root (Nextcloud: <c>OpenProject</c>); it needs
    /// <see cref="TechnicalUserId"/> and a storage with <see cref="IProjectFolderGroups"/>. <see langword="null"/> for a
    /// storage without such a group (OneDrive): then the root's access list is not managed and no group is kept.
    /// </summary>
    public string? GroupId { get; init; }

    /// <summary>
    /// The projects with automatically managed folders, active and inactive. Projects that used to be
    /// managed and are gone may be left out: a folder no project claims is hidden.
    /// </summary>
    public required IReadOnlyList<ManagedProject> Projects { get; init; }

    /// <summary>
    /// The storage users that should be members of <see cref="GroupId"/>, usually every user who has
    /// connected their account; when <see langword="null"/>, the connected members of the active
    /// projects. The technical user is never added or removed. Not used without a <see cref="GroupId"/>.
    /// </summary>
    public IReadOnlyCollection<string>? GroupMembers { get; init; }

    /// <summary>
    /// Characters the storage forbids in names beyond <c>/</c>, <c>\</c> and control characters (for
    /// example Nextcloud's <c>forbidden_filename_characters</c>); they become <c>_</c> in folder names.
    /// </summary>
    public string? ForbiddenNameCharacters { get; init; }
}
