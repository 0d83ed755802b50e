namespace OpenProject.Storages;

/// <summary>
/// Hands out a valid access token for a user and storage, refreshing it when it is about to expire
/// or was rejected. Providers call it once per outgoing request.
/// </summary>
public interface IStorageAccessTokenProvider
{
    /// <summary>Gets a valid access token.</summary>
    /// <param name="storage">The storage.</param>
    /// <param name="user">The host user.</param>
    /// <param name="rejectedAccessToken">A token the storage just refused (HTTP 401); the provider refreshes unless the stored token already differs from it.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The token.</returns>
    /// <exception cref="StorageException"><see cref="StorageErrorCode.Unauthorized"/> when the user must log in (again); <see cref="StorageErrorCode.Unavailable"/> when a refresh could not reach the storage (the stored tokens are kept).</exception>
    ValueTask<StorageAccessToken> GetAccessTokenAsync(StorageId storage, HostUserId user, string? rejectedAccessToken = null, CancellationToken cancellationToken = default);
}
