using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenProject.Storages;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The registrations every provider's user accounts share (for provider packages: <c>AddNextcloudAccounts</c>, <c>AddOneDriveAccounts</c>).</summary>
public static class StorageAccountsServiceCollectionExtensions
{
    /// <summary>
    /// Registers one provider's accounts for the storage named <paramref name="storageName"/>: its token provider as a
    /// singleton (also as <see cref="IStorageAccessTokenProvider"/> keyed by the storage name, and as the default one when
    /// none is registered), its accounts as a singleton, <see cref="TimeProvider.System"/> and the in-memory
    /// <see cref="IStorageConnectStateStore"/> unless the host registered its own. The singletons get the host's
    /// <see cref="IStorageTokenStore"/> and <see cref="IStorageConnectStateStore"/> through a scope per call
    /// (<see cref="ScopedTokenStore"/>, <see cref="ScopedConnectStateStore"/>), so stores on an EF Core <c>DbContext</c> work.
    /// Calling it for several storages of one provider registers the provider and the accounts once.
    /// </summary>
    /// <typeparam name="TTokenProvider">The provider's token provider.</typeparam>
    /// <typeparam name="TAccounts">The provider's accounts.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="storageName">The storage's name (its <see cref="StorageId"/>).</param>
    /// <param name="createTokenProvider">Creates the token provider over the scoped token store.</param>
    /// <param name="createAccounts">Creates the accounts over the scoped connect-state store, the scoped token store and the token provider.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddStorageAccounts<TTokenProvider, TAccounts>(
        this IServiceCollection services,
        string storageName,
        Func<IServiceProvider, IStorageTokenStore, TTokenProvider> createTokenProvider,
        Func<IServiceProvider, IStorageConnectStateStore, IStorageTokenStore, TTokenProvider, TAccounts> createAccounts)
        where TTokenProvider : StorageTokenRefresher
        where TAccounts : StorageAccountConnector
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(storageName);
        ArgumentNullException.ThrowIfNull(createTokenProvider);
        ArgumentNullException.ThrowIfNull(createAccounts);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IStorageConnectStateStore, InMemoryConnectStateStore>();

        // The stores are the host's and may be scoped (a DbContext): the singletons reach them through a scope per call.
        services.TryAddSingleton(provider => createTokenProvider(provider, new ScopedTokenStore(provider.GetRequiredService<IServiceScopeFactory>())));
        services.TryAddSingleton<IStorageAccessTokenProvider>(static provider => provider.GetRequiredService<TTokenProvider>());
        services.AddKeyedSingleton<IStorageAccessTokenProvider>(storageName, static (provider, _) => provider.GetRequiredService<TTokenProvider>());
        services.TryAddSingleton(provider =>
        {
            var scopes = provider.GetRequiredService<IServiceScopeFactory>();
            return createAccounts(provider, new ScopedConnectStateStore(scopes), new ScopedTokenStore(scopes), provider.GetRequiredService<TTokenProvider>());
        });
        return services;
    }
}
