using System.Collections.Concurrent;
using OpenProject.Storages.ProjectFolders;

namespace OpenProject.Storages.Testing;

/// <summary>An <see cref="IProjectFolderStateStore"/> in memory, for one process and for tests.</summary>
public sealed class InMemoryProjectFolderStateStore : IProjectFolderStateStore
{
    private readonly ConcurrentDictionary<StorageId, ConcurrentDictionary<string, FileId>> _folders = new();

    /// <inheritdoc/>
    public Task<IReadOnlyDictionary<string, FileId>> GetFolderIdsAsync(StorageId storage, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyDictionary<string, FileId> copy = _folders.TryGetValue(storage, out var folders)
            ? new Dictionary<string, FileId>(folders, StringComparer.Ordinal)
            : new Dictionary<string, FileId>(StringComparer.Ordinal);
        return Task.FromResult(copy);
    }

    /// <inheritdoc/>
    public Task SaveFolderIdsAsync(StorageId storage, IReadOnlyDictionary<string, FileId> folderIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folderIds);
        foreach (var projectId in folderIds.Keys)
        {
            ArgumentException.ThrowIfNullOrEmpty(projectId, nameof(folderIds));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var folders = _folders.GetOrAdd(storage, _ => new ConcurrentDictionary<string, FileId>(StringComparer.Ordinal));
        foreach (var (projectId, folderId) in folderIds)
        {
            folders[projectId] = folderId;
        }

        return Task.CompletedTask;
    }
}
