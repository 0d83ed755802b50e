using System.Globalization;

namespace OpenProject.Storages.Testing;

/// <summary>
/// An <see cref="IFileLinkRepository"/> in memory, with the rules a database implementation must keep:
/// adding is idempotent per container, storage and file; ids are sequential (<c>1</c>, <c>2</c>, ...);
/// lists are oldest first. Thread-safe.
/// </summary>
public sealed class InMemoryFileLinkRepository : IFileLinkRepository
{
    private readonly Lock _gate = new();
    private readonly List<FileLink> _links = [];

    // The uniqueness of (container, storage, file), kept as a set so that adding stays O(1) with many links.
    private readonly HashSet<(ContainerRef Container, StorageId Storage, FileId OriginId)> _keys = [];
    private readonly TimeProvider _time;
    private long _lastId;

    /// <summary>Creates an empty repository.</summary>
    /// <param name="timeProvider">The clock for <see cref="FileLink.CreatedAt"/> and <see cref="FileLink.UpdatedAt"/>; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public InMemoryFileLinkRepository(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

    /// <summary>Every stored link, oldest first, for assertions.</summary>
    public IReadOnlyList<FileLink> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _links];
            }
        }
    }

    /// <inheritdoc/>
    public Task<FileLink> AddAsync(NewFileLink link, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_keys.Add((link.Container, link.Storage, link.OriginId)))
            {
                return Task.FromResult(_links.Find(stored => stored.Container == link.Container && stored.Storage == link.Storage && stored.OriginId == link.OriginId)!);
            }

            var now = _time.GetUtcNow();
            var added = new FileLink
            {
                Id = new FileLinkId((++_lastId).ToString(CultureInfo.InvariantCulture)),
                Storage = link.Storage,
                Container = link.Container,
                OriginId = link.OriginId,
                Origin = link.Origin,
                CreatedBy = link.CreatedBy,
                CreatedAt = now,
                UpdatedAt = now,
            };
            _links.Add(added);
            return Task.FromResult(added);
        }
    }

    /// <inheritdoc/>
    public Task<FileLink?> GetAsync(FileLinkId id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_links.Find(link => link.Id == id));
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<FileLink>> ListByContainerAsync(ContainerRef container, CancellationToken cancellationToken = default) =>
        ListAsync(link => link.Container == container, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<FileLink>> ListByOriginAsync(StorageId storage, FileId originId, CancellationToken cancellationToken = default) =>
        ListAsync(link => link.Storage == storage && link.OriginId == originId, cancellationToken);

    /// <inheritdoc/>
    public Task<bool> RemoveAsync(FileLinkId id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var index = _links.FindIndex(link => link.Id == id);
            if (index < 0)
            {
                return Task.FromResult(false);
            }

            var removed = _links[index];
            _links.RemoveAt(index);
            _keys.Remove((removed.Container, removed.Storage, removed.OriginId));
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc/>
    public Task UpdateOriginDataAsync(StorageId storage, FileId originId, FileOriginData origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(origin);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            for (var i = 0; i < _links.Count; i++)
            {
                if (_links[i].Storage == storage && _links[i].OriginId == originId)
                {
                    _links[i] = _links[i] with { Origin = origin, UpdatedAt = now };
                }
            }
        }

        return Task.CompletedTask;
    }

    private Task<IReadOnlyList<FileLink>> ListAsync(Predicate<FileLink> match, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            // Insertion order is creation order, so the list is already oldest first.
            return Task.FromResult<IReadOnlyList<FileLink>>(_links.FindAll(match));
        }
    }
}
