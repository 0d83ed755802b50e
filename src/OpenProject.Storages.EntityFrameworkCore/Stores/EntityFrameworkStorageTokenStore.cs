using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace OpenProject.Storages.EntityFrameworkCore;

/// <summary>
/// Users' storage tokens in a <typeparamref name="TContext"/>. Every write is compare-and-set on
/// <see cref="StorageTokenRow.Version"/> in one statement (<c>UPDATE … WHERE version = @expected</c>), so two
/// app instances sharing the database never lose a rotated refresh token: the loser gets <see langword="null"/>
/// and re-reads the winner's token. Given an <see cref="IDataProtectionProvider"/>, the access and refresh tokens
/// are protected at rest, so a copy of the database alone does not give access to anyone's files. A refresh claim
/// is one conditional update of <see cref="StorageTokenRow.RefreshClaimedUntilUtcTicks"/>, so of all instances
/// exactly one sends the refresh request.
/// </summary>
/// <typeparam name="TContext">The host's context.</typeparam>
public sealed class EntityFrameworkStorageTokenStore<TContext> : IStorageTokenStore
    where TContext : DbContext
{
    private readonly TContext _context;
    private readonly SecretProtection _secrets;
    private readonly TimeProvider _time;

    /// <summary>Creates the store over a context.</summary>
    /// <param name="context">The host's context.</param>
    /// <param name="dataProtection">Protects the tokens at rest when given; <see langword="null"/> stores them as they are.</param>
    /// <param name="timeProvider">The clock refresh claims expire on; the system clock when <see langword="null"/>.</param>
    public EntityFrameworkStorageTokenStore(TContext context, IDataProtectionProvider? dataProtection = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _secrets = new SecretProtection(dataProtection, "StorageTokens");
        _time = timeProvider ?? TimeProvider.System;
    }

    private DbSet<StorageTokenRow> Tokens => _context.Set<StorageTokenRow>();

    /// <inheritdoc/>
    public Task<StoredStorageToken?> GetAsync(StorageId storage, HostUserId user, CancellationToken cancellationToken = default)
    {
        var (storageId, userId) = Keys(storage, user);
        return DatabaseCall.RunAsync("read a storage token", async () =>
        {
            var row = await Tokens.AsNoTracking().FirstOrDefaultAsync(t => t.StorageId == storageId && t.UserId == userId, cancellationToken).ConfigureAwait(false);
            return row is null ? null : ToStored(row);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<StoredStorageToken?> TryWriteAsync(StorageId storage, HostUserId user, StorageToken token, long? expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        var (storageId, userId) = Keys(storage, user);

        // A random version, not a counter: after a disconnect and a new connect the row starts again, and a write
        // that read the old row must not find "its" version there (one chance in 2^63 that it would).
        var version = NewVersion(expectedVersion);
        var expiresAt = DatabaseCall.Stored(token.ExpiresAt);
        var accessToken = _secrets.Protect(token.AccessToken)!;
        var refreshToken = _secrets.Protect(token.RefreshToken);
        return DatabaseCall.RunAsync("write a storage token", async () =>
        {
            if (expectedVersion is { } expected)
            {
                var updated = await Tokens
                    .Where(t => t.StorageId == storageId && t.UserId == userId && t.Version == expected)
                    .ExecuteUpdateAsync(
                        set => set
                            .SetProperty(t => t.AccessToken, accessToken)
                            .SetProperty(t => t.RefreshToken, refreshToken)
                            .SetProperty(t => t.ExpiresAt, expiresAt)
                            .SetProperty(t => t.StorageUserId, token.StorageUserId)
                            .SetProperty(t => t.Version, version)
                            .SetProperty(t => t.RefreshClaimedUntilUtcTicks, 0L),
                        cancellationToken)
                    .ConfigureAwait(false);
                return updated == 1 ? Stored(token, expiresAt, version) : null;
            }

            var row = new StorageTokenRow
            {
                StorageId = storageId,
                UserId = userId,
                AccessToken = accessToken,
                RefreshToken = refreshToken,
                ExpiresAt = expiresAt,
                StorageUserId = token.StorageUserId,
                Version = version,
            };
            Tokens.Add(row);
            try
            {
                await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return Stored(token, expiresAt, version);
            }
            catch (DbUpdateException)
            {
                // The primary key says a token is already stored: another writer came first.
                _context.Entry(row).State = EntityState.Detached;
                if (await Tokens.AsNoTracking().AnyAsync(t => t.StorageId == storageId && t.UserId == userId, cancellationToken).ConfigureAwait(false))
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

    /// <inheritdoc/>
    public Task<bool> RemoveAsync(StorageId storage, HostUserId user, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        var (storageId, userId) = Keys(storage, user);
        return DatabaseCall.RunAsync("remove a storage token", async () =>
        {
            var rows = Tokens.Where(t => t.StorageId == storageId && t.UserId == userId);
            if (expectedVersion is { } expected)
            {
                rows = rows.Where(t => t.Version == expected);
            }

            return await rows.ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) > 0;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>End the claim within the scope of the context it was taken with.</remarks>
    public Task<IAsyncDisposable?> TryClaimRefreshAsync(StorageId storage, HostUserId user, long version, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var (storageId, userId) = Keys(storage, user);
        var now = _time.GetUtcNow().UtcTicks;
        var until = now + lease.Ticks;
        return DatabaseCall.RunAsync<IAsyncDisposable?>("claim a token refresh", async () =>
        {
            var claimed = await Tokens
                .Where(t => t.StorageId == storageId && t.UserId == userId && t.Version == version && t.RefreshClaimedUntilUtcTicks <= now)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.RefreshClaimedUntilUtcTicks, until), cancellationToken)
                .ConfigureAwait(false);
            return claimed == 1 ? new RefreshClaim(this, storageId, userId, version, until) : null;
        }, cancellationToken);
    }

    private Task<int> EndClaimAsync(string storageId, string userId, long version, long until) =>
        DatabaseCall.RunAsync(
            "end a token refresh claim",
            () => Tokens
                .Where(t => t.StorageId == storageId && t.UserId == userId && t.Version == version && t.RefreshClaimedUntilUtcTicks == until)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.RefreshClaimedUntilUtcTicks, 0L), CancellationToken.None),
            CancellationToken.None);

    private static long NewVersion(long? expected)
    {
        long version;
        do
        {
            version = Random.Shared.NextInt64(1, long.MaxValue);
        }
        while (version == expected);

        return version;
    }

    private static (string Storage, string User) Keys(StorageId storage, HostUserId user) =>
        (DatabaseCall.Key(storage.Value, StorageModelLimits.StorageId, nameof(storage)), DatabaseCall.Key(user.Value, StorageModelLimits.UserId, nameof(user)));

    private static StoredStorageToken Stored(StorageToken token, DateTimeOffset expiresAt, long version) =>
        new() { Token = token with { ExpiresAt = expiresAt }, Version = version };

    private StoredStorageToken ToStored(StorageTokenRow row) => new()
    {
        Token = new StorageToken
        {
            AccessToken = _secrets.Unprotect(row.AccessToken)!,
            RefreshToken = _secrets.Unprotect(row.RefreshToken),
            ExpiresAt = row.ExpiresAt,
            StorageUserId = row.StorageUserId,
        },
        Version = row.Version,
    };

    private sealed class RefreshClaim(EntityFrameworkStorageTokenStore<TContext> owner, string storageId, string userId, long version, long until) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                // Matches nothing after a successful refresh: the write cleared the claim and changed the version.
                await owner.EndClaimAsync(storageId, userId, version, until).ConfigureAwait(false);
            }
            catch (StorageException)
            {
                // The claim then ends with its lease; failing to end it must not fail the refresh.
            }
        }
    }
}
