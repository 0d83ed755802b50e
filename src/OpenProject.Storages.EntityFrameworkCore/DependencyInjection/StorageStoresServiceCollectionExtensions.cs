using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenProject.Storages;
using OpenProject.Storages.EntityFrameworkCore;
using OpenProject.Storages.ProjectFolders;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the EF Core stores.</summary>
public static class StorageStoresServiceCollectionExtensions
{
    /// <summary>
    /// Registers the stores on the host's context <typeparamref name="TContext"/> (registered by the host with
    /// <c>AddDbContext</c>, its model calling <see cref="StorageModelBuilderExtensions.UseOpenProjectStorages"/>):
    /// <see cref="IFileLinkRepository"/>, <see cref="IStorageTokenStore"/>, <see cref="IStorageConnectStateStore"/> and
    /// <see cref="IProjectFolderSyncLock"/> and <see cref="IProjectFolderStateStore"/>,
    /// all scoped like the context. They replace any earlier registration of those services (the in-memory
    /// connect-state store of <c>AddNextcloudAccounts</c> and <c>AddOneDriveAccounts</c> included). The packages' singletons reach them through a
    /// scope per call (see docs/service-lifetimes.md).
    /// </summary>
    /// <typeparam name="TContext">The host's context.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the stores' options, such as <see cref="StorageStoreOptions.ProtectSecrets"/>.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddOpenProjectStorageStores<TContext>(this IServiceCollection services, Action<StorageStoreOptions>? configure = null)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new StorageStoreOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(TimeProvider.System);
        services.RemoveAll<IFileLinkRepository>();
        services.RemoveAll<IStorageTokenStore>();
        services.RemoveAll<IStorageConnectStateStore>();
        services.RemoveAll<IProjectFolderSyncLock>();
        services.RemoveAll<IProjectFolderStateStore>();
        services.AddScoped<IFileLinkRepository, EntityFrameworkFileLinkRepository<TContext>>();
        services.AddScoped<IStorageTokenStore>(sp => new EntityFrameworkStorageTokenStore<TContext>(sp.GetRequiredService<TContext>(), Protection(sp, options), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<IStorageConnectStateStore>(sp => new EntityFrameworkConnectStateStore<TContext>(sp.GetRequiredService<TContext>(), sp.GetRequiredService<TimeProvider>(), Protection(sp, options)));
        services.AddScoped<IProjectFolderSyncLock, EntityFrameworkProjectFolderSyncLock<TContext>>();
        services.AddScoped<IProjectFolderStateStore, EntityFrameworkProjectFolderStateStore<TContext>>();
        return services;
    }

    private static IDataProtectionProvider? Protection(IServiceProvider services, StorageStoreOptions options) =>
        !options.ProtectSecrets
            ? null
            : services.GetService<IDataProtectionProvider>()
              ?? throw new InvalidOperationException("StorageStoreOptions.ProtectSecrets is on, but no IDataProtectionProvider is registered: call services.AddDataProtection() with a key ring every app instance shares.");
}
