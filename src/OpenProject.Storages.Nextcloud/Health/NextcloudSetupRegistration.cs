using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenProject.Storages.Nextcloud.Http;

namespace OpenProject.Storages.Nextcloud.Health;

/// <summary>Registers a Nextcloud storage's setup validation: its options, its health client, and the keyed validator.</summary>
internal static class NextcloudSetupRegistration
{
    /// <summary>Registers the validation; returns the builder of its HTTP client.</summary>
    public static IHttpClientBuilder Add(IServiceCollection services, string name)
    {
        services.AddOptions<NextcloudSetupOptions>(name);
        var client = services.AddHttpClient(Http.NextcloudHttpClientNames.Health(name), client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // A redirect is reported, never followed: it means a wrong scheme or path, or a login page.
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.All,
                ConnectTimeout = TimeSpan.FromSeconds(5),
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .WithoutCookies();
        services.AddKeyedSingleton<IStorageSetupValidator>(name, (sp, _) => new NextcloudSetupValidator(
            name,
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<IOptionsMonitor<NextcloudStorageOptions>>(),
            sp.GetRequiredService<IOptionsMonitor<NextcloudSetupOptions>>(),
            () => sp.GetService<IStorageAccessTokenProvider>(),
            () => sp.GetService<IServiceProviderIsService>()?.IsService(typeof(IStorageTokenStore)) == true
                ? new ScopedTokenStore(sp.GetRequiredService<IServiceScopeFactory>())
                : null,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            (sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<NextcloudSetupValidator>()));
        return client;
    }
}
