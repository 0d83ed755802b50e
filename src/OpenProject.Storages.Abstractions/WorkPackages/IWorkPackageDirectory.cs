namespace OpenProject.Storages.WorkPackages;

/// <summary>
/// The host's work packages, as a user may see them, and what they refer to: statuses, types, users and avatars.
/// Implemented by the host; used by the API that a storage's integration app calls (Nextcloud's OpenProject tab,
/// unified search, link previews). Work packages the user may not see are simply not returned.
/// </summary>
public interface IWorkPackageDirectory
{
    /// <summary>Finds work packages by text in the subject, or by id when <paramref name="text"/> is a number.</summary>
    /// <param name="user">The acting user; only work packages they may see.</param>
    /// <param name="text">What the user typed; not empty.</param>
    /// <param name="limit">At most this many, most recently updated first.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    /// <returns>The work packages found.</returns>
    Task<IReadOnlyList<WorkPackage>> SearchAsync(HostUserId user, string text, int limit, CancellationToken cancellationToken = default);

    /// <summary>Reads work packages by id.</summary>
    /// <param name="user">The acting user; ids they may not see, and unknown ids, are left out.</param>
    /// <param name="ids">The ids.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The visible work packages, in any order.</returns>
    Task<IReadOnlyList<WorkPackage>> GetAsync(HostUserId user, IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default);

    /// <summary>Reads a status.</summary>
    /// <param name="id">The status id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The status, or <see langword="null"/> when unknown.</returns>
    Task<WorkPackageStatus?> GetStatusAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Reads a type.</summary>
    /// <param name="id">The type id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The type, or <see langword="null"/> when unknown.</returns>
    Task<WorkPackageType?> GetTypeAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Reads a user.</summary>
    /// <param name="id">The user id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The user, or <see langword="null"/> when unknown.</returns>
    Task<HostUser?> GetUserAsync(HostUserId id, CancellationToken cancellationToken = default);

    /// <summary>Reads a user's avatar.</summary>
    /// <param name="id">The user id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The avatar, or <see langword="null"/> when the user has none (the app then draws one).</returns>
    Task<UserAvatar?> GetAvatarAsync(HostUserId id, CancellationToken cancellationToken = default);
}
