namespace OpenProject.Storages;

/// <summary>A storage that maps the paths below a folder to their ids in one go (to find items by path, or to check a tree).</summary>
public interface IPathToIdMapping
{
    /// <summary>Maps paths below a folder to their ids; the folder itself is included.</summary>
    /// <param name="actor">On whose behalf.</param>
    /// <param name="folder">Where to start.</param>
    /// <param name="depth">How deep to look.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Each path with its id.</returns>
    /// <exception cref="StorageException"><see cref="StorageErrorCode.NotFound"/> when the folder does not exist, or another failure.</exception>
    Task<IReadOnlyDictionary<StoragePath, FileId>> GetPathToIdMapAsync(StorageActor actor, StoragePath folder, PathMapDepth depth = PathMapDepth.Children, CancellationToken cancellationToken = default);
}
