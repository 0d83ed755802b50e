using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace OpenProject.Storages.EntityFrameworkCore;

/// <summary>
/// File links in a <typeparamref name="TContext"/> whose model has the stores' tables
/// (<see cref="StorageModelBuilderExtensions.UseOpenProjectStorages"/>). A link is unique per container,
/// storage and file: adding one twice, even from two app instances at once, leaves one row and returns it.
/// Writes are saved with <see cref="DbContext.SaveChangesAsync(CancellationToken)"/> on the scoped context.
/// </summary>
/// <typeparam name="TContext">The host's context.</typeparam>
public sealed class EntityFrameworkFileLinkRepository<TContext> : IFileLinkRepository
    where TContext : DbContext
{
    private readonly TContext _context;
    private readonly TimeProvider _time;

    /// <summary>Creates the repository over a context.</summary>
    /// <param name="context">The host's context.</param>
    /// <param name="timeProvider">The clock for the links' timestamps.</param>
    public EntityFrameworkFileLinkRepository(TContext context, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _context = context;
        _time = timeProvider;
    }

    private DbSet<FileLinkRow> Links => _context.Set<FileLinkRow>();

    /// <inheritdoc/>
    public Task<FileLink> AddAsync(NewFileLink link, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(link.Origin);
        var storage = DatabaseCall.Key(link.Storage.Value, StorageModelLimits.StorageId, nameof(link));
        var type = DatabaseCall.Key(link.Container.Type, StorageModelLimits.ContainerType, nameof(link));
        var container = DatabaseCall.Key(link.Container.Id, StorageModelLimits.ContainerId, nameof(link));
        var origin = DatabaseCall.Key(link.OriginId.Value, StorageModelLimits.OriginId, nameof(link));
        var createdBy = DatabaseCall.Key(link.CreatedBy.Value, StorageModelLimits.UserId, nameof(link));
        return DatabaseCall.RunAsync("add a file link", async () =>
        {
            if (await FindAsync(type, container, storage, origin, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return existing;
            }

            var now = DatabaseCall.Stored(_time.GetUtcNow());
            var row = new FileLinkRow
            {
                StorageId = storage,
                ContainerType = type,
                ContainerId = container,
                OriginId = origin,
                CreatedBy = createdBy,
                CreatedAt = now,
                UpdatedAt = now,
            };
            Write(row, link.Origin);
            Links.Add(row);
            try
            {
                await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return ToLink(row);
            }
            catch (DbUpdateException)
            {
                // Another instance added the same link between the read and the insert: the unique index kept one row.
                _context.Entry(row).State = EntityState.Detached;
                if (await FindAsync(type, container, storage, origin, cancellationToken).ConfigureAwait(false) is { } raced)
                {
                    return raced;
                }

                throw;
            }
            finally
            {
                _context.Entry(row).State = EntityState.Detached;
            }
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<FileLink?> GetAsync(FileLinkId id, CancellationToken cancellationToken = default)
    {
        if (!long.TryParse(id.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var key))
        {
            return Task.FromResult<FileLink?>(null);
        }

        return DatabaseCall.RunAsync("read a file link", async () =>
        {
            var row = await Links.AsNoTracking().FirstOrDefaultAsync(l => l.Id == key, cancellationToken).ConfigureAwait(false);
            return row is null ? null : ToLink(row);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<FileLink>> ListByContainerAsync(ContainerRef container, CancellationToken cancellationToken = default)
    {
        var type = DatabaseCall.Key(container.Type, StorageModelLimits.ContainerType, nameof(container));
        var id = DatabaseCall.Key(container.Id, StorageModelLimits.ContainerId, nameof(container));
        return ListAsync("list a container's file links", Links.Where(l => l.ContainerType == type && l.ContainerId == id), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<FileLink>> ListByOriginAsync(StorageId storage, FileId originId, CancellationToken cancellationToken = default)
    {
        var storageId = DatabaseCall.Key(storage.Value, StorageModelLimits.StorageId, nameof(storage));
        var origin = DatabaseCall.Key(originId.Value, StorageModelLimits.OriginId, nameof(originId));
        return ListAsync("list a file's links", Links.Where(l => l.StorageId == storageId && l.OriginId == origin), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<bool> RemoveAsync(FileLinkId id, CancellationToken cancellationToken = default)
    {
        if (!long.TryParse(id.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var key))
        {
            return Task.FromResult(false);
        }

        return DatabaseCall.RunAsync(
            "remove a file link",
            async () => await Links.Where(l => l.Id == key).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) > 0,
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task UpdateOriginDataAsync(StorageId storage, FileId originId, FileOriginData origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var storageId = DatabaseCall.Key(storage.Value, StorageModelLimits.StorageId, nameof(storage));
        var originKey = DatabaseCall.Key(originId.Value, StorageModelLimits.OriginId, nameof(originId));
        var now = DatabaseCall.Stored(_time.GetUtcNow());
        var created = origin.CreatedAt;
        var modified = origin.LastModifiedAt;
        return DatabaseCall.RunAsync("update the file data of links", () => Links
            .Where(l => l.StorageId == storageId && l.OriginId == originKey)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(l => l.OriginName, origin.Name)
                    .SetProperty(l => l.OriginMimeType, origin.MimeType)
                    .SetProperty(l => l.OriginCreatedAt, created)
                    .SetProperty(l => l.OriginLastModifiedAt, modified)
                    .SetProperty(l => l.OriginCreatedByName, origin.CreatedByName)
                    .SetProperty(l => l.OriginLastModifiedByName, origin.LastModifiedByName)
                    .SetProperty(l => l.UpdatedAt, now),
                cancellationToken), cancellationToken);
    }

    private async Task<FileLink?> FindAsync(string type, string container, string storage, string origin, CancellationToken cancellationToken)
    {
        var row = await Links.AsNoTracking()
            .FirstOrDefaultAsync(l => l.ContainerType == type && l.ContainerId == container && l.StorageId == storage && l.OriginId == origin, cancellationToken)
            .ConfigureAwait(false);
        return row is null ? null : ToLink(row);
    }

    private static Task<IReadOnlyList<FileLink>> ListAsync(string operation, IQueryable<FileLinkRow> rows, CancellationToken cancellationToken) =>
        DatabaseCall.RunAsync<IReadOnlyList<FileLink>>(operation, async () =>
        {
            // Ids grow with creation, so this is oldest first, as the contract asks.
            var found = await rows.AsNoTracking().OrderBy(l => l.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
            return found.ConvertAll(ToLink);
        }, cancellationToken);

    private static void Write(FileLinkRow row, FileOriginData origin)
    {
        row.OriginName = origin.Name;
        row.OriginMimeType = origin.MimeType;
        row.OriginCreatedAt = origin.CreatedAt;
        row.OriginLastModifiedAt = origin.LastModifiedAt;
        row.OriginCreatedByName = origin.CreatedByName;
        row.OriginLastModifiedByName = origin.LastModifiedByName;
    }

    private static FileLink ToLink(FileLinkRow row) => new()
    {
        Id = new FileLinkId(row.Id.ToString(CultureInfo.InvariantCulture)),
        Storage = new StorageId(row.StorageId),
        Container = new ContainerRef(row.ContainerType, row.ContainerId),
        OriginId = new FileId(row.OriginId),
        Origin = new FileOriginData
        {
            Name = row.OriginName,
            MimeType = row.OriginMimeType,
            CreatedAt = row.OriginCreatedAt,
            LastModifiedAt = row.OriginLastModifiedAt,
            CreatedByName = row.OriginCreatedByName,
            LastModifiedByName = row.OriginLastModifiedByName,
        },
        CreatedBy = new HostUserId(row.CreatedBy),
        CreatedAt = row.CreatedAt,
        UpdatedAt = row.UpdatedAt,
    };
}
