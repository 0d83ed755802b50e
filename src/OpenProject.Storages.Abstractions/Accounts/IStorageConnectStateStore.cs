namespace OpenProject.Storages;

/// <summary>
/// Keeps pending "connect your account" attempts (OAuth2 authorization code with PKCE) from the authorize redirect
/// to the callback, for every provider's accounts (Nextcloud, OneDrive). The default,
/// <see cref="InMemoryConnectStateStore"/>, works for one app instance; a host with several instances behind a load
/// balancer registers a shared implementation (a database table or a distributed cache) so the callback may land on
/// any instance.
/// </summary>
public interface IStorageConnectStateStore
{
    /// <summary>Remembers a new attempt.</summary>
    /// <param name="pending">The attempt.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the attempt is stored.</returns>
    Task AddAsync(PendingStorageConnect pending, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes an attempt by its state, atomically marking it used, so that a state works once. The store
    /// should keep used attempts until they expire so that a second use can be told apart from an unknown state.
    /// </summary>
    /// <param name="state">The <c>state</c> from the callback.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>
    /// The attempt as it was before this call (so <see cref="PendingStorageConnect.Used"/> is
    /// <see langword="true"/> when an earlier call took it), or <see langword="null"/> when the state is unknown.
    /// </returns>
    Task<PendingStorageConnect?> TakeAsync(string state, CancellationToken cancellationToken = default);
}
