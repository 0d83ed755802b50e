namespace OpenProject.Storages.ProjectFolders;

/// <summary>
/// Lets one app instance at a time synchronize a set of project folders: with several instances behind a load
/// balancer, two syncs at once would both create, rename and set permissions. A lock held past its lease is
/// free again, so a crashed instance does not stop the syncs for ever.
/// </summary>
public interface IProjectFolderSyncLock
{
    /// <summary>Takes the lock named <paramref name="name"/> for at most <paramref name="lease"/>, unless another holder has it.</summary>
    /// <param name="name">What is locked, such as the storage's id.</param>
    /// <param name="lease">How long the lock is held at most; longer than the longest sync.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>The held lock, released by disposing it; <see langword="null"/> when another holder has it.</returns>
    /// <exception cref="StorageException">The lock's store cannot be reached.</exception>
    Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan lease, CancellationToken cancellationToken = default);
}
