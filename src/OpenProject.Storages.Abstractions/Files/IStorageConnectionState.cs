namespace OpenProject.Storages;

/// <summary>
/// A storage that can tell whether a host user is connected to it without a request to the storage's server, so a
/// Files tab can show "Login to Nextcloud" for a storage that has no links yet (see
/// <see cref="FileLinkService.ListFileLinksAsync(HostUserId, ContainerRef, IReadOnlyCollection{StorageId}, CancellationToken)"/>).
/// Optional: a storage without it counts as ready until a request says otherwise.
/// </summary>
public interface IStorageConnectionState
{
    /// <summary>The user's connection to this storage, from what the host keeps (its tokens), never from a request.</summary>
    /// <param name="user">The host user.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns><see cref="StorageConnectionState.Ready"/>, <see cref="StorageConnectionState.LoginRequired"/> or <see cref="StorageConnectionState.NoConnection"/>.</returns>
    /// <exception cref="StorageException">The host's own store could not be read.</exception>
    Task<StorageConnectionState> GetConnectionStateAsync(HostUserId user, CancellationToken cancellationToken = default);
}
