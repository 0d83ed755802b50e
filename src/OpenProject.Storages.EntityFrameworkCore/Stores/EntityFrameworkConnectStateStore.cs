using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace OpenProject.Storages.EntityFrameworkCore;

/// <summary>
/// Pending account connect attempts (Nextcloud, OneDrive) in a <typeparamref name="TContext"/>, shared by every app instance, so an
/// OAuth callback may reach any of them. Taking an attempt is single-use even when two callbacks race: one
/// conditional <c>UPDATE … WHERE used = false</c> decides which one gets it unused. Attempts expired for
/// 15 minutes are deleted as new ones are added. Given an <see cref="IDataProtectionProvider"/>, the PKCE verifier
/// is protected at rest.
/// </summary>
/// <typeparam name="TContext">The host's context.</typeparam>
public sealed class EntityFrameworkConnectStateStore<TContext> : IStorageConnectStateStore
    where TContext : DbContext
{
    // Expired attempts are kept this much longer so that a late callback reads "expired", not "unknown".
    private static readonly TimeSpan Retention = TimeSpan.FromMinutes(15);

    private readonly TContext _context;
    private readonly TimeProvider _time;
    private readonly SecretProtection _secrets;

    /// <summary>Creates the store over a context.</summary>
    /// <param name="context">The host's context.</param>
    /// <param name="timeProvider">The clock that decides which attempts are old enough to delete.</param>
    /// <param name="dataProtection">Protects the verifiers at rest when given; <see langword="null"/> stores them as they are.</param>
    public EntityFrameworkConnectStateStore(TContext context, TimeProvider timeProvider, IDataProtectionProvider? dataProtection = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _context = context;
        _time = timeProvider;
        _secrets = new SecretProtection(dataProtection, "ConnectVerifiers");
    }

    private DbSet<PendingConnectRow> Pending => _context.Set<PendingConnectRow>();

    /// <inheritdoc/>
    public Task AddAsync(PendingStorageConnect pending, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var row = new PendingConnectRow
        {
            State = DatabaseCall.Key(pending.State, StorageModelLimits.State, nameof(pending)),
            StorageId = DatabaseCall.Key(pending.Storage.Value, StorageModelLimits.StorageId, nameof(pending)),
            UserId = DatabaseCall.Key(pending.User.Value, StorageModelLimits.UserId, nameof(pending)),
            CodeVerifier = _secrets.Protect(pending.CodeVerifier)!,
            ExpiresAtUtcTicks = pending.ExpiresAt.UtcTicks,
            ReturnUrl = pending.ReturnUrl,
            Used = pending.Used,
        };
        var forgotten = (_time.GetUtcNow() - Retention).UtcTicks;
        return DatabaseCall.RunAsync("keep a connect attempt", async () =>
        {
            await Pending.Where(p => p.ExpiresAtUtcTicks < forgotten).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            Pending.Add(row);
            try
            {
                await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _context.Entry(row).State = EntityState.Detached;
            }

            return true;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<PendingStorageConnect?> TakeAsync(string state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Length == 0 || state.Length > StorageModelLimits.State)
        {
            // No attempt has such a state: an unknown callback, not a caller's mistake.
            return Task.FromResult<PendingStorageConnect?>(null);
        }

        return DatabaseCall.RunAsync("take a connect attempt", async () =>
        {
            var taken = await Pending.Where(p => p.State == state && !p.Used)
                .ExecuteUpdateAsync(set => set.SetProperty(p => p.Used, true), cancellationToken)
                .ConfigureAwait(false);
            var row = await Pending.AsNoTracking().FirstOrDefaultAsync(p => p.State == state, cancellationToken).ConfigureAwait(false);
            return row is null ? null : new PendingStorageConnect
            {
                State = row.State,
                Storage = new StorageId(row.StorageId),
                User = new HostUserId(row.UserId),
                CodeVerifier = _secrets.Unprotect(row.CodeVerifier)!,
                ExpiresAt = new DateTimeOffset(row.ExpiresAtUtcTicks, TimeSpan.Zero),
                ReturnUrl = row.ReturnUrl,

                // Only the callback whose update took the row gets it unused; any other sees it as already used.
                Used = taken == 0,
            };
        }, cancellationToken);
    }
}
