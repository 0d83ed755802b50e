using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;

namespace OpenProject.Storages.Nextcloud;

/// <summary>
/// Pending connect attempts in an <see cref="IDistributedCache"/> (Redis, SQL Server, …) that every app instance
/// shares, for hosts without EF Core: an OAuth callback may then reach any instance. The PKCE verifier is
/// protected with ASP.NET Core Data Protection when a provider is given.
/// </summary>
/// <remarks>
/// "Use once" is best effort here: a cache has no conditional delete, so two callbacks with one state that arrive
/// within the same few milliseconds may both read the attempt before either removes it. Nextcloud's authorization
/// codes are single-use, so the second code exchange is refused by Nextcloud and only one connection is made; a
/// store on a database (the EF Core package) makes the take itself atomic. An attempt taken once is gone, so a
/// replayed callback reads as unknown rather than as already used.
/// </remarks>
public sealed class DistributedCacheConnectStateStore : IStorageConnectStateStore
{
    private const string KeyPrefix = "OpenProject.Storages.Nextcloud.Connect:";

    // Expired attempts are kept this much longer so that a late callback reads "expired", not "unknown".
    private static readonly TimeSpan Retention = TimeSpan.FromMinutes(15);

    private readonly IDistributedCache _cache;
    private readonly IDataProtector? _protector;

    /// <summary>Creates the store.</summary>
    /// <param name="cache">The shared cache.</param>
    /// <param name="dataProtection">Protects the verifiers in the cache when given (recommended: a cache is rarely private).</param>
    public DistributedCacheConnectStateStore(IDistributedCache cache, IDataProtectionProvider? dataProtection = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        _cache = cache;
        _protector = dataProtection?.CreateProtector("OpenProject.Storages.Nextcloud", "ConnectVerifiers", "v1");
    }

    /// <inheritdoc/>
    public async Task AddAsync(PendingStorageConnect pending, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pending);
        cancellationToken.ThrowIfCancellationRequested();
        var entry = new DistributedConnectEntry
        {
            Storage = pending.Storage.Value,
            User = pending.User.Value,
            CodeVerifier = _protector is null ? pending.CodeVerifier : _protector.Protect(pending.CodeVerifier),
            Protected = _protector is not null,
            ExpiresAt = pending.ExpiresAt,
            ReturnUrl = pending.ReturnUrl,
        };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(entry, NextcloudOAuthJsonContext.Default.DistributedConnectEntry);
        await CallAsync(() => _cache.SetAsync(Key(pending.State), bytes, new DistributedCacheEntryOptions { AbsoluteExpiration = pending.ExpiresAt + Retention }, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<PendingStorageConnect?> TakeAsync(string state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        cancellationToken.ThrowIfCancellationRequested();
        var key = Key(state);
        byte[]? bytes = null;
        await CallAsync(async () => bytes = await _cache.GetAsync(key, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return null;
        }

        await CallAsync(() => _cache.RemoveAsync(key, cancellationToken), cancellationToken).ConfigureAwait(false);
        DistributedConnectEntry? entry;
        try
        {
            entry = JsonSerializer.Deserialize(bytes, NextcloudOAuthJsonContext.Default.DistributedConnectEntry);
        }
        catch (JsonException)
        {
            entry = null;
        }

        if (entry is null || string.IsNullOrEmpty(entry.Storage) || string.IsNullOrEmpty(entry.User) || entry.CodeVerifier is null)
        {
            // Not an attempt this store wrote: treat the state as unknown.
            return null;
        }

        return new PendingStorageConnect
        {
            State = state,
            Storage = new StorageId(entry.Storage),
            User = new HostUserId(entry.User),
            CodeVerifier = Unprotect(entry),
            ExpiresAt = entry.ExpiresAt,
            ReturnUrl = entry.ReturnUrl,
        };
    }

    private static string Key(string state) => KeyPrefix + state;

    private static async Task CallAsync(Func<Task> call, CancellationToken cancellationToken)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is not StorageException)
        {
            // Whatever the cache's client throws (a Redis connection error, a time-out) is the cache being unavailable.
            throw new StorageException(StorageErrorCode.Unavailable, "The shared cache of pending connect attempts could not be reached; try connecting again later.", innerException: exception);
        }
    }

    private string Unprotect(DistributedConnectEntry entry)
    {
        if (!entry.Protected)
        {
            return entry.CodeVerifier!;
        }

        if (_protector is null)
        {
            throw new StorageException(StorageErrorCode.NotConfigured, "A pending connect attempt's verifier is protected with Data Protection, but this store was given no IDataProtectionProvider.");
        }

        try
        {
            return _protector.Unprotect(entry.CodeVerifier!);
        }
        catch (System.Security.Cryptography.CryptographicException exception)
        {
            throw new StorageException(StorageErrorCode.NotConfigured, "A pending connect attempt's verifier cannot be unprotected: the app instances do not share one Data Protection key ring.", innerException: exception);
        }
    }
}

/// <summary>A pending connect attempt as the distributed cache holds it (the state is the key).</summary>
internal sealed class DistributedConnectEntry
{
    public string? Storage { get; set; }

    public string? User { get; set; }

    public string? CodeVerifier { get; set; }

    public bool Protected { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public string? ReturnUrl { get; set; }
}
