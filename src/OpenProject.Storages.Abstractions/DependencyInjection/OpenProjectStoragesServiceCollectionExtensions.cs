using Microsoft.Extensions.DependencyInjection.Extensions;
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
    /// <param name="services">The service collection.</param>
    /// <returns>A builder for adding storages.</returns>
    public static OpenProjectStoragesBuilder AddOpenProjectStorages(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IStorageProblemDescriber, DefaultStorageProblemDescriber>();
        services.TryAddSingleton<FileStorageCatalog>();
        services.TryAddSingleton<StorageSetupValidation>();
        services.TryAddScoped<FileLinkService>();
        return new OpenProjectStoragesBuilder(services);
    }
}
