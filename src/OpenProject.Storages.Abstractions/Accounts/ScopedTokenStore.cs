using Microsoft.Extensions.DependencyInjection;

namespace OpenProject.Storages;

/// <summary>
/// The host's <see cref="IStorageTokenStore"/>, resolved in a scope of its own for each call, so that the
/// singletons that use it (the token providers, the accounts, the setup checks) work with a scoped store such
/// as one on an EF Core <c>DbContext</c>, and never hold one instance across requests or threads.
/// </summary>
/// <param name="scopes">Creates the scope of each call.</param>
public sealed class ScopedTokenStore(IServiceScopeFactory scopes) : IStorageTokenStore
{
    /// <inheritdoc/>
    public async Task<StoredStorageToken?> GetAsync(StorageId storage, HostUserId user, CancellationToken cancellationToken = default)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await Store(scope).GetAsync(storage, user, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async Task<StoredStorageToken?> TryWriteAsync(StorageId storage, HostUserId user, StorageToken token, long? expectedVersion, CancellationToken cancellationToken = default)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await Store(scope).TryWriteAsync(storage, user, token, expectedVersion, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async Task<bool> RemoveAsync(StorageId storage, HostUserId user, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await Store(scope).RemoveAsync(storage, user, expectedVersion, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async Task<IAsyncDisposable?> TryClaimRefreshAsync(StorageId storage, HostUserId user, long version, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        // The scope lives as long as the claim: a store (an EF Core context) ends its claim with what it took it with.
        var scope = scopes.CreateAsyncScope();
        try
        {
            var claim = await Store(scope).TryClaimRefreshAsync(storage, user, version, lease, cancellationToken).ConfigureAwait(false);
            if (claim is not null)
            {
                return new ScopedClaim(claim, scope);
            }
        }
        catch
        {
            await scope.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        await scope.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    private static IStorageTokenStore Store(AsyncServiceScope scope) =>
        scope.ServiceProvider.GetService<IStorageTokenStore>()
        ?? throw new StorageException(StorageErrorCode.NotConfigured, "No IStorageTokenStore is registered: register the host's token store (AddSingleton or AddScoped) to connect storage accounts.");
}

/// <summary>A refresh claim with the scope its store was resolved in, ended together.</summary>
internal sealed class ScopedClaim(IAsyncDisposable claim, AsyncServiceScope scope) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        try
        {
            await claim.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            await scope.DisposeAsync().ConfigureAwait(false);
        }
    }
}
