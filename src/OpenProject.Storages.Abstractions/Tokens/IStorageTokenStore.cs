namespace OpenProject.Storages;

/// <summary>
/// Where the host keeps each user's storage tokens. Writes are conditional on the version read,
/// so when two app instances refresh at once only one wins, and the other re-reads the winner's
/// rotated refresh token instead of losing it. Implementations must make the check-and-write atomic
/// (for example <c>UPDATE … WHERE version = @expected</c>).
/// </summary>
public interface IStorageTokenStore
{
    /// <summary>Reads a user's token for a storage.</summary>
    /// <param name="storage">The storage.</param>
    /// <param name="user">The host user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored token, or <see langword="null"/> when the user is not connected.</returns>
    Task<StoredStorageToken?> GetAsync(StorageId storage, HostUserId user, CancellationToken cancellationToken = default);

    /// <summary>Writes a token if the stored version is still the expected one.</summary>
    /// <param name="storage">The storage.</param>
    /// <param name="user">The host user.</param>
    /// <param name="token">The new token.</param>
    /// <param name="expectedVersion">The version read before; <see langword="null"/> to write only when no token is stored.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored token with its new version, or <see langword="null"/> when another writer came first.</returns>
    Task<StoredStorageToken?> TryWriteAsync(StorageId storage, HostUserId user, StorageToken token, long? expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Removes a user's token.</summary>
    /// <param name="storage">The storage.</param>
    /// <param name="user">The host user.</param>
    /// <param name="expectedVersion">Remove only this version (so a token another instance just rotated survives); <see langword="null"/> to remove whatever is stored.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when a token was removed.</returns>
    Task<bool> RemoveAsync(StorageId storage, HostUserId user, long? expectedVersion = null, CancellationToken cancellationToken = default);
}
