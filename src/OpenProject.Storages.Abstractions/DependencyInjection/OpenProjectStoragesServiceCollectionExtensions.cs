using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using OpenProject.Storages;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers OpenProject.Storages.</summary>
public static class OpenProjectStoragesServiceCollectionExtensions
{
    /// <summary>
    /// Adds the provider-neutral services: <see cref="FileLinkService"/>, <see cref="FileStorageCatalog"/>,
    /// <see cref="StorageSetupValidation"/> and the default <see cref="IStorageProblemDescriber"/>. The host registers its
    /// <see cref="IFileLinkRepository"/>, <see cref="IFileLinkAuthorization"/> and
    /// <see cref="IStorageTokenStore"/>; each provider call (for example <c>AddNextcloudStorage</c>)
    /// registers a storage. Calling it more than once is harmless.
    /// </summary>
    /// <remarks>
    /// A host that only browses and uploads needs no link repository or authorization: they are demanded when
    /// <see cref="FileLinkService"/> is resolved, with a message naming what is missing, not when the container is
    /// built (so <c>ValidateOnBuild</c> passes without them).
    /// </remarks>
    /// <param name="services">The service collection.</param>
    /// <returns>A builder for adding storages.</returns>
    public static OpenProjectStoragesBuilder AddOpenProjectStorages(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IStorageProblemDescriber, DefaultStorageProblemDescriber>();
        services.TryAddSingleton<FileStorageCatalog>();
        services.TryAddSingleton<StorageSetupValidation>();
        services.TryAddScoped(CreateFileLinkService);
        return new OpenProjectStoragesBuilder(services);
    }

    // A factory rather than a type registration: the container's build-time validation would demand the
    // repository and authorization of every host, also of one that never links.
    private static FileLinkService CreateFileLinkService(IServiceProvider services) => new(
        services.GetRequiredService<FileStorageCatalog>(),
        services.GetService<IFileLinkRepository>() ?? throw Missing<IFileLinkRepository>("AddOpenProjectStorageStores<TContext>() of OpenProject.Storages.EntityFrameworkCore, or your own implementation"),
        services.GetService<IFileLinkAuthorization>() ?? throw Missing<IFileLinkAuthorization>("your own rules of who may view and manage a container's links"),
        services.GetRequiredService<IStorageProblemDescriber>(),
        services.GetService<ILogger<FileLinkService>>());

    private static InvalidOperationException Missing<TService>(string where) => new(
        $"FileLinkService needs an {typeof(TService).Name} registered in the service collection: {where}.");
}
