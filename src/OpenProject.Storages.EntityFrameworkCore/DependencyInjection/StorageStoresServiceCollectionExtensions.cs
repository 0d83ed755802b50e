using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenProject.Storages;
using OpenProject.Storages.EntityFrameworkCore;
using OpenProject.Storages.Nextcloud;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the EF Core stores.</summary>
public static class StorageStoresServiceCollectionExtensions
{
    /// <summary>
    /// Registers the stores on the host's context <typeparamref name="TContext"/> (registered by the host with
    /// <c>AddDbContext</c>, its model calling <see cref="StorageModelBuilderExtensions.UseOpenProjectStorages"/>):
    /// <see cref="IFileLinkRepository"/>, <see cref="IStorageTokenStore"/> and <see cref="INextcloudConnectStateStore"/>,
    /// all scoped like the context. They replace any earlier registration of those services (the in-memory
    /// connect-state store of <c>AddNextcloudAccounts</c> included). The packages' singletons reach them through a
    /// scope per call (see docs/service-lifetimes.md).
    /// </summary>
    /// <typeparam name="TContext">The host's context.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddOpenProjectStorageStores<TContext>(this IServiceCollection services)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.RemoveAll<IFileLinkRepository>();
        services.RemoveAll<IStorageTokenStore>();
        services.RemoveAll<INextcloudConnectStateStore>();
        services.AddScoped<IFileLinkRepository, EntityFrameworkFileLinkRepository<TContext>>();
        services.AddScoped<IStorageTokenStore, EntityFrameworkStorageTokenStore<TContext>>();
        services.AddScoped<INextcloudConnectStateStore, EntityFrameworkConnectStateStore<TContext>>();
        return services;
    }
}
