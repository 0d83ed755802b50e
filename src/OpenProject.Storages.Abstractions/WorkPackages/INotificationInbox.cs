namespace OpenProject.Storages.WorkPackages;

/// <summary>The user's in-app notifications, as the storage's dashboard widget shows them. Implemented by the host.</summary>
public interface INotificationInbox
{
    /// <summary>The user's unread notifications, newest first.</summary>
    /// <param name="user">The user.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The notifications.</returns>
    Task<IReadOnlyList<HostNotification>> ListUnreadAsync(HostUserId user, CancellationToken cancellationToken = default);

    /// <summary>Marks every notification of the user about a work package as read.</summary>
    /// <param name="user">The user.</param>
    /// <param name="workPackageId">The work package.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>How many were marked.</returns>
    Task<int> MarkReadAsync(HostUserId user, long workPackageId, CancellationToken cancellationToken = default);
}
