namespace OpenProject.Storages.OneDrive;

/// <summary>What the Files tab can know about a user's OneDrive connection without asking Graph.</summary>
public sealed partial class OneDriveFileStorage : IStorageConnectionState
{
    /// <summary>
    /// The user's connection, from the stored tokens: with OneDrive accounts (<c>AddOneDriveAccounts</c>)
    /// <see cref="StorageTokenRefresher.GetConnectionStateAsync"/> tells "login required" before any request; with
    /// a token provider of the host's own nothing can be known without a request, so the user counts as ready.
    /// </summary>
    /// <param name="user">The host user.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The connection state.</returns>
    /// <exception cref="StorageException">The token store could not be read.</exception>
    public Task<StorageConnectionState> GetConnectionStateAsync(HostUserId user, CancellationToken cancellationToken = default) =>
        _graph.Tokens is StorageTokenRefresher accounts
            ? accounts.GetConnectionStateAsync(Id, user, cancellationToken)
            : Task.FromResult(StorageConnectionState.Ready);
}
