using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenProject.Storages;
using OpenProject.Storages.Nextcloud.ProjectFolders;
using OpenProject.Storages.ProjectFolders;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Nextcloud project folder support.</summary>
public static class NextcloudProjectFolderServiceCollectionExtensions
{
    /// <summary>
    /// Adds automatically managed project folders to a Nextcloud storage: a keyed
    /// <see cref="NextcloudProjectFolderStorage"/>, <see cref="IProjectFolderStorage"/> and <see cref="IProjectFolderGroups"/> under the
    /// storage's name, acting as the technical user over the storage's API client. Pass the latter to
    /// a <see cref="ProjectFolderSynchronizer"/>.
    /// </summary>
    /// <param name="builder">The builder from <c>AddNextcloudStorage</c>.</param>
    /// <returns>The builder.</returns>
    public static NextcloudStorageBuilder AddProjectFolders(this NextcloudStorageBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var name = builder.Name;
        builder.Services.TryAddKeyedSingleton(name, (sp, _) => new NextcloudProjectFolderStorage(
            new StorageId(name),
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<IOptionsMonitor<OpenProject.Storages.Nextcloud.NextcloudStorageOptions>>(),
            (sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<NextcloudProjectFolderStorage>()));
        builder.Services.TryAddKeyedSingleton<IProjectFolderStorage>(name, (sp, key) => sp.GetRequiredKeyedService<NextcloudProjectFolderStorage>(key));
        builder.Services.TryAddKeyedSingleton<IProjectFolderGroups>(name, (sp, key) => sp.GetRequiredKeyedService<NextcloudProjectFolderStorage>(key));
        return builder;
    }
}
