using Microsoft.EntityFrameworkCore;
using OpenProject.Storages.ProjectFolders;

namespace OpenProject.Storages.EntityFrameworkCore;

/// <summary>
/// Each project's managed folder id in a <typeparamref name="TContext"/>, one row per storage and project. A save
/// is one transaction: all of its ids are stored or none.
/// </summary>
/// <typeparam name="TContext">The host's context.</typeparam>
public sealed class EntityFrameworkProjectFolderStateStore<TContext> : IProjectFolderStateStore
    where TContext : DbContext
{
    private readonly TContext _context;

    /// <summary>Creates the store over a context.</summary>
    /// <param name="context">The host's context.</param>
    public EntityFrameworkProjectFolderStateStore(TContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
    }

    private DbSet<ProjectFolderRow> Folders => _context.Set<ProjectFolderRow>();

    /// <inheritdoc/>
    public Task<IReadOnlyDictionary<string, FileId>> GetFolderIdsAsync(StorageId storage, CancellationToken cancellationToken = default)
    {
        var storageId = DatabaseCall.Key(storage.Value, StorageModelLimits.StorageId, nameof(storage));
        return DatabaseCall.RunAsync<IReadOnlyDictionary<string, FileId>>("read the project folder ids", async () =>
        {
            var rows = await Folders.AsNoTracking().Where(f => f.StorageId == storageId).ToListAsync(cancellationToken).ConfigureAwait(false);
            return rows.ToDictionary(row => row.ProjectId, row => new FileId(row.FolderId), StringComparer.Ordinal);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task SaveFolderIdsAsync(StorageId storage, IReadOnlyDictionary<string, FileId> folderIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folderIds);
        var storageId = DatabaseCall.Key(storage.Value, StorageModelLimits.StorageId, nameof(storage));
        var wanted = folderIds.ToDictionary(
            pair => DatabaseCall.Key(pair.Key, StorageModelLimits.ContainerId, nameof(folderIds)),
            pair => DatabaseCall.Key(pair.Value.Value, StorageModelLimits.OriginId, nameof(folderIds)),
            StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return Task.CompletedTask;
        }

        return DatabaseCall.RunAsync("save the project folder ids", async () =>
        {
            // Saves run under the sync lock, one at a time: read, change and insert in one SaveChanges (one transaction).
            var projectIds = wanted.Keys.ToList();
            var rows = await Folders.Where(f => f.StorageId == storageId && projectIds.Contains(f.ProjectId)).ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                row.FolderId = wanted[row.ProjectId];
            }

            var added = wanted.Keys.Except(rows.Select(row => row.ProjectId), StringComparer.Ordinal)
                .Select(projectId => new ProjectFolderRow { StorageId = storageId, ProjectId = projectId, FolderId = wanted[projectId] })
                .ToList();
            Folders.AddRange(added);
            try
            {
                await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
            finally
            {
                foreach (var row in rows.Concat(added))
                {
                    _context.Entry(row).State = EntityState.Detached;
                }
            }
        }, cancellationToken);
    }
}
