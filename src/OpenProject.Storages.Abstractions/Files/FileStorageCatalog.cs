namespace OpenProject.Storages;

/// <summary>The storages the host has configured, by id. Providers register each storage as an <see cref="IFileStorage"/> service.</summary>
public sealed class FileStorageCatalog
{
    private readonly Dictionary<StorageId, IFileStorage> _storages = [];

    /// <summary>Creates the catalog.</summary>
    /// <param name="storages">The registered storages; ids must be unique.</param>
    /// <exception cref="ArgumentException">Two storages share an id.</exception>
    public FileStorageCatalog(IEnumerable<IFileStorage> storages)
    {
        ArgumentNullException.ThrowIfNull(storages);
        foreach (var storage in storages)
        {
            if (!_storages.TryAdd(storage.Id, storage))
            {
                throw new ArgumentException($"Two storages are registered with the id '{storage.Id}'. Give each storage its own name.", nameof(storages));
            }
        }
    }

    /// <summary>Every configured storage.</summary>
    public IReadOnlyCollection<IFileStorage> All => _storages.Values;

    /// <summary>The storage with the given id.</summary>
    /// <param name="id">The storage id.</param>
    /// <returns>The storage.</returns>
    /// <exception cref="StorageException"><see cref="StorageErrorCode.NotConfigured"/> when no storage has that id.</exception>
    public IFileStorage Get(StorageId id) =>
        _storages.TryGetValue(id, out var storage)
            ? storage
            : throw new StorageException(StorageErrorCode.NotConfigured, $"No storage with the id '{id}' is configured.");

    /// <summary>Looks up a storage.</summary>
    /// <param name="id">The storage id.</param>
    /// <param name="storage">The storage, when found.</param>
    /// <returns>Whether the storage is configured.</returns>
    public bool TryGet(StorageId id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IFileStorage? storage) =>
        _storages.TryGetValue(id, out storage);
}
