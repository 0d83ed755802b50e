using System.Net;
using Microsoft.Extensions.Options;
using OpenProject.Storages;
using OpenProject.Storages.OneDrive;
using OpenProject.Storages.OneDrive.ProjectFolders;
using OpenProject.Storages.ProjectFolders;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers OneDrive/SharePoint storages.</summary>
public static class OneDriveStorageServiceCollectionExtensions
{
    /// <summary>The name of the HTTP client a OneDrive storage uses for Graph.</summary>
    /// <param name="name">The storage's name.</param>
    /// <returns>The client name.</returns>
    public static string GraphHttpClientName(string name) => "OpenProject.Storages.OneDrive." + name;

    /// <summary>
    /// Adds a OneDrive storage under <paramref name="name"/>: <see cref="OneDriveFileStorage"/> and <see cref="IFileStorage"/>
    /// keyed by the name, and an <see cref="IFileStorage"/> in the list of all storages. It needs an
    /// <see cref="IStorageAccessTokenProvider"/> (keyed by the name, or the default one).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The storage's name, which is also its <see cref="StorageId"/>.</param>
    /// <param name="configure">Sets the drive and limits.</param>
    /// <returns>The builder of the Graph HTTP client, to add handlers or replace the primary handler.</returns>
    public static IHttpClientBuilder AddOneDriveStorage(this IServiceCollection services, string name, Action<OneDriveStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<OneDriveStorageOptions>(name).Configure(configure).Validate(options =>
        {
            try
            {
                options.Validate();
                return true;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }, $"The OneDrive storage '{name}' is not configured correctly: check DriveId, GraphBaseAddress and the limits.").ValidateOnStart();

        var http = services.AddHttpClient(GraphHttpClientName(name))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // A Graph redirect (a download) points at a pre-authenticated URL; the bearer token must not follow it.
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.All,
                ConnectTimeout = TimeSpan.FromSeconds(15),
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });

        services.AddKeyedSingleton(name, (sp, _) => new OneDriveFileStorage(
            new StorageId(name),
            sp.GetRequiredService<IOptionsMonitor<OneDriveStorageOptions>>().Get(name),
            sp.GetRequiredService<IHttpClientFactory>(),
            GraphHttpClientName(name),
            sp.GetKeyedService<IStorageAccessTokenProvider>(name) ?? sp.GetRequiredService<IStorageAccessTokenProvider>(),
            sp.GetService<TimeProvider>()));
        services.AddKeyedSingleton<IFileStorage>(name, (sp, key) => sp.GetRequiredKeyedService<OneDriveFileStorage>(key));
        services.AddSingleton<IFileStorage>(sp => sp.GetRequiredKeyedService<OneDriveFileStorage>(name));
        return http;
    }

    /// <summary>
    /// Adds automatically managed project folders to the OneDrive storage <paramref name="name"/> (added with
    /// <see cref="AddOneDriveStorage"/>): a keyed <see cref="OneDriveProjectFolderStorage"/> and <see cref="IProjectFolderStorage"/>
    /// under the storage's name, acting with the app-only token. Pass the latter to a <see cref="ProjectFolderSynchronizer"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The storage's name.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddOneDriveProjectFolders(this IServiceCollection services, string name)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        services.AddKeyedSingleton(name, (sp, key) => new OneDriveProjectFolderStorage(sp.GetRequiredKeyedService<OneDriveFileStorage>(key)));
        services.AddKeyedSingleton<IProjectFolderStorage>(name, (sp, key) => sp.GetRequiredKeyedService<OneDriveProjectFolderStorage>(key));
        return services;
    }
}
