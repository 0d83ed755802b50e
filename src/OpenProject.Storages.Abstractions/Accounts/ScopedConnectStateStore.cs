using Microsoft.Extensions.DependencyInjection;

namespace OpenProject.Storages;

/// <summary>The host's <see cref="IStorageConnectStateStore"/>, resolved in a scope of its own for each call (see <see cref="ScopedTokenStore"/>).</summary>
/// <param name="scopes">Creates the scope of each call.</param>
public sealed class ScopedConnectStateStore(IServiceScopeFactory scopes) : IStorageConnectStateStore
{
    /// <inheritdoc/>
    public async Task AddAsync(PendingStorageConnect pending, CancellationToken cancellationToken = default)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            await scope.ServiceProvider.GetRequiredService<IStorageConnectStateStore>().AddAsync(pending, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async Task<PendingStorageConnect?> TakeAsync(string state, CancellationToken cancellationToken = default)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await scope.ServiceProvider.GetRequiredService<IStorageConnectStateStore>().TakeAsync(state, cancellationToken).ConfigureAwait(false);
        }
    }
}
