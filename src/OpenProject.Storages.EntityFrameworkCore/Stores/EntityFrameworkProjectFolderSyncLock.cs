using Microsoft.EntityFrameworkCore;
using OpenProject.Storages.ProjectFolders;

namespace OpenProject.Storages.EntityFrameworkCore;

/// <summary>
/// A project folder sync lock shared by every app instance on one database: a lease row per lock name. Taking it
/// deletes an expired lease and inserts a new one; the primary key lets only one insert win, on SQLite and
/// PostgreSQL alike (a lease row, not an advisory lock, so it needs no connection held open during the sync).
/// Dispose the lock within the scope of the context it was taken with.
/// </summary>
/// <typeparam name="TContext">The host's context.</typeparam>
public sealed class EntityFrameworkProjectFolderSyncLock<TContext> : IProjectFolderSyncLock
    where TContext : DbContext
{
    private readonly TContext _context;
    private readonly TimeProvider _time;

    /// <summary>Creates the lock over a context.</summary>
    /// <param name="context">The host's context.</param>
    /// <param name="timeProvider">The clock leases expire on.</param>
    public EntityFrameworkProjectFolderSyncLock(TContext context, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _context = context;
        _time = timeProvider;
    }

    private DbSet<SyncLeaseRow> Leases => _context.Set<SyncLeaseRow>();

    /// <inheritdoc/>
    public Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var key = DatabaseCall.Key(name, StorageModelLimits.State, nameof(name));
        var now = _time.GetUtcNow();
        var row = new SyncLeaseRow { Name = key, Holder = Guid.NewGuid().ToString("N"), ExpiresAtUtcTicks = (now + lease).UtcTicks };
        return DatabaseCall.RunAsync<IAsyncDisposable?>("take the project folder sync lock", async () =>
        {
            await Leases.Where(l => l.Name == key && l.ExpiresAtUtcTicks <= now.UtcTicks).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            Leases.Add(row);
            try
            {
                await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return new Release(this, key, row.Holder);
            }
            catch (DbUpdateException)
            {
                // The primary key: another instance holds a lease that has not expired.
                if (await Leases.AsNoTracking().AnyAsync(l => l.Name == key, cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                throw;
            }
            finally
            {
                _context.Entry(row).State = EntityState.Detached;
            }
        }, cancellationToken);
    }

    private Task<int> FreeAsync(string name, string holder) =>
        DatabaseCall.RunAsync(
            "free the project folder sync lock",
            () => Leases.Where(l => l.Name == name && l.Holder == holder).ExecuteDeleteAsync(CancellationToken.None),
            CancellationToken.None);

    private sealed class Release(EntityFrameworkProjectFolderSyncLock<TContext> owner, string name, string holder) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await owner.FreeAsync(name, holder).ConfigureAwait(false);
            }
            catch (StorageException)
            {
                // The lease then ends at its expiry; a failed release must not turn a finished sync into an error.
            }
        }
    }
}
