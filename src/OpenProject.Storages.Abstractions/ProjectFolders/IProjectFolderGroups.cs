namespace OpenProject.Storages.ProjectFolders;

/// <summary>
/// The optional group part of <see cref="IProjectFolderStorage"/>: a storage whose managed root is shown to one group
/// (Nextcloud: the team folder is assigned to the <c>OpenProject</c> group), so the sync keeps every connected user in
/// that group (<see cref="ProjectFolderDesiredState.GroupId"/>). A storage without such a group (OneDrive, where the
/// drive's own permissions decide who sees the root) does not implement it.
/// </summary>
public interface IProjectFolderGroups
{
    /// <summary>Lists the members of a group.</summary>
    /// <param name="groupId">The group.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The members' storage user ids.</returns>
    /// <exception cref="StorageException"><see cref="ProjectFolderErrorCodes.GroupNotFound"/> or another failure.</exception>
    Task<IReadOnlyList<string>> GetGroupMembersAsync(string groupId, CancellationToken cancellationToken = default);

    /// <summary>Adds a user to a group.</summary>
    /// <param name="groupId">The group.</param>
    /// <param name="userId">The storage user id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the user is a member.</returns>
    /// <exception cref="StorageException"><see cref="ProjectFolderErrorCodes.GroupNotFound"/>, <see cref="ProjectFolderErrorCodes.UserNotFound"/>, <see cref="ProjectFolderErrorCodes.InsufficientPrivileges"/>, <see cref="ProjectFolderErrorCodes.GroupMembershipRefused"/> or another failure.</exception>
    Task AddGroupMemberAsync(string groupId, string userId, CancellationToken cancellationToken = default);

    /// <summary>Removes a user from a group.</summary>
    /// <param name="groupId">The group.</param>
    /// <param name="userId">The storage user id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the user is no longer a member.</returns>
    /// <exception cref="StorageException">As for <see cref="AddGroupMemberAsync"/>.</exception>
    Task RemoveGroupMemberAsync(string groupId, string userId, CancellationToken cancellationToken = default);
}
