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

    /// <summary>
    /// Claims the refresh of the token stored at <paramref name="version"/> for at most <paramref name="lease"/>: of
    /// several app instances that find the token expired at once, only the claim's holder asks the storage for a new
    /// one, and the others wait for its write. The claim ends when its holder disposes it (after writing the new
    /// token, or after failing to get one), or when the lease ends, so a crashed holder blocks nobody for long.
    /// </summary>
    /// <param name="storage">The storage.</param>
    /// <param name="user">The host user.</param>
    /// <param name="version">The version read, whose token is to be refreshed.</param>
    /// <param name="lease">How long the claim holds at most; longer than one refresh request.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>
    /// The held claim, ended by disposing it; <see langword="null"/> when another holder's claim on that version
    /// has not ended, or that version is no longer stored.
    /// </returns>
    /// <remarks>
    /// The default claims nothing and always grants: right for a store that one app instance uses, since each
    /// instance already refreshes once for all its requests. A store shared by several instances should make the
    /// claim atomic (for example <c>UPDATE … SET claimed_until = @until WHERE version = @version AND
    /// claimed_until &lt;= @now</c>).
    /// </remarks>
    /// <exception cref="StorageException">The store cannot be reached.</exception>
    Task<IAsyncDisposable?> TryClaimRefreshAsync(StorageId storage, HostUserId user, long version, TimeSpan lease, CancellationToken cancellationToken = default) =>
        Task.FromResult<IAsyncDisposable?>(Internal.NoRefreshClaim.Instance);
}
