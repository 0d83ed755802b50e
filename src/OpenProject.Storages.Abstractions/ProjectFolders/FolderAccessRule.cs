namespace OpenProject.Storages.ProjectFolders;

/// <summary>
/// One entry of a folder's access list: what a user or group may do with the folder and everything
/// below it. The <see cref="Mask"/> says which permissions the rule decides (the others are
/// inherited); project folders always decide all of them.
/// </summary>
/// <remarks>
/// Rules compare by value. Permissions outside the mask are dropped when a rule is created, as
/// Nextcloud does when it stores a rule, so a rule read back compares equal to the one written.
/// </remarks>
public sealed record FolderAccessRule
{
    /// <summary>Creates a rule.</summary>
    /// <param name="target">A user or a group.</param>
    /// <param name="targetId">The storage's id of the user or group; not empty.</param>
    /// <param name="permissions">The permissions granted; bits outside <paramref name="mask"/> are dropped.</param>
    /// <param name="mask">The permissions this rule decides.</param>
    /// <exception cref="ArgumentException"><paramref name="targetId"/> is null, empty or white space.</exception>
    public FolderAccessRule(FolderAccessTarget target, string targetId, StoragePermissions permissions, StoragePermissions mask = StoragePermissions.All)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(targetId);
        Target = target;
        TargetId = targetId;
        Mask = mask & StoragePermissions.All;
        Permissions = permissions & Mask;
    }

    /// <summary>A user or a group.</summary>
    public FolderAccessTarget Target { get; }

    /// <summary>The storage's id of the user or group.</summary>
    public string TargetId { get; }

    /// <summary>The permissions granted (within <see cref="Mask"/>).</summary>
    public StoragePermissions Permissions { get; }

    /// <summary>The permissions this rule decides; the others are inherited from above.</summary>
    public StoragePermissions Mask { get; }

    /// <summary>A rule for one user that decides every permission.</summary>
    /// <param name="userId">The storage user id.</param>
    /// <param name="permissions">The permissions granted.</param>
    /// <returns>The rule.</returns>
    public static FolderAccessRule ForUser(string userId, StoragePermissions permissions) => new(FolderAccessTarget.User, userId, permissions);

    /// <summary>A rule for a group that decides every permission.</summary>
    /// <param name="groupId">The storage group id.</param>
    /// <param name="permissions">The permissions granted.</param>
    /// <returns>The rule.</returns>
    public static FolderAccessRule ForGroup(string groupId, StoragePermissions permissions) => new(FolderAccessTarget.Group, groupId, permissions);

    /// <inheritdoc/>
    public override string ToString() => $"{Target.ToString().ToLowerInvariant()} {TargetId}: {Permissions}" + (Mask == StoragePermissions.All ? string.Empty : $" (mask {Mask})");
}
