namespace OpenProject.Storages.ProjectFolders;

/// <summary>The <see cref="StorageErrorCode"/>s specific to project folders, in addition to the general ones.</summary>
public static class ProjectFolderErrorCodes
{
    /// <summary>The storage group does not exist (Nextcloud provisioning API: OCS 102, or 404 when listing it).</summary>
    public static StorageErrorCode GroupNotFound { get; } = new(nameof(GroupNotFound));

    /// <summary>The storage user does not exist (Nextcloud provisioning API: OCS 103; Microsoft Graph: an invitation answered 400 <c>noResolvedUsers</c>).</summary>
    public static StorageErrorCode UserNotFound { get; } = new(nameof(UserNotFound));

    /// <summary>No group was given to the storage (Nextcloud provisioning API: OCS 101).</summary>
    public static StorageErrorCode NoGroupSpecified { get; } = new(nameof(NoGroupSpecified));

    /// <summary>The technical user may not manage the group: it is neither an administrator nor a sub-admin of it (Nextcloud provisioning API: OCS 104).</summary>
    public static StorageErrorCode InsufficientPrivileges { get; } = new(nameof(InsufficientPrivileges));

    /// <summary>The storage refused to add or remove the member for another reason (Nextcloud provisioning API: OCS 105).</summary>
    public static StorageErrorCode GroupMembershipRefused { get; } = new(nameof(GroupMembershipRefused));

    /// <summary>Two projects claim the same folder; neither is changed until the host resolves it.</summary>
    public static StorageErrorCode FolderIdCollision { get; } = new(nameof(FolderIdCollision));

    /// <summary>
    /// The storage answered an access list change as successful, but reading the list back shows
    /// something else: the technical user may not manage the folder's access list.
    /// </summary>
    public static StorageErrorCode AccessRulesNotApplied { get; } = new(nameof(AccessRulesNotApplied));
}
