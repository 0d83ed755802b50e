using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenProject.Storages;
using OpenProject.Storages.Nextcloud;
using OpenProject.Storages.Nextcloud.DependencyInjection;
using OpenProject.Storages.Nextcloud.Health;
using OpenProject.Storages.Nextcloud.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Nextcloud storages.</summary>
public static class NextcloudStorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds a Nextcloud storage under a name: a <see cref="NextcloudFileStorage"/> registered as an
    /// <see cref="IFileStorage"/> singleton (and as a keyed <see cref="NextcloudFileStorage"/>) with
    /// <c>StorageId(name)</c>, its named options validated at start-up, its named HTTP clients, and its setup
    /// validation (a keyed <see cref="IStorageSetupValidator"/>; see <see cref="StorageSetupValidation"/>).
    /// Also adds the provider-neutral services (<c>AddOpenProjectStorages</c>). Users act with tokens from
    /// the registered <see cref="IStorageAccessTokenProvider"/>: call <c>AddNextcloudAccounts(name)</c> for
    /// Nextcloud's OAuth2 account connection, or register a provider of your own (for example single sign-on).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The storage's name, unique among the host's storages.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>A builder exposing the storage's HTTP clients.</returns>
    /// <exception cref="InvalidOperationException">A Nextcloud storage with this name is already registered.</exception>
    public static NextcloudStorageBuilder AddNextcloudStorage(this IServiceCollection services, string name, Action<NextcloudStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        if (services.Any(d => d.IsKeyedService && d.ServiceType == typeof(NextcloudFileStorage) && Equals(d.ServiceKey, name)))
        {
            throw new InvalidOperationException($"A Nextcloud storage named '{name}' is already registered.");
        }

        services.AddOpenProjectStorages();
        services.AddOptions<NextcloudStorageOptions>(name).Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NextcloudStorageOptions>, NextcloudStorageOptionsValidator>());

        var http = services.AddHttpClient(NextcloudHttpClientNames.Api(name))
            .ConfigurePrimaryHttpMessageHandler(() => CreatePrimaryHandler(DecompressionMethods.All))
            .WithoutCookies();
        var resilience = NextcloudResilience.Add(http, name);
        http.AddHttpMessageHandler(sp => CreateCredentialsHandler(sp, name));

        var transfer = services.AddHttpClient(NextcloudHttpClientNames.Transfer(name), client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => CreatePrimaryHandler(DecompressionMethods.None))
            .AddHttpMessageHandler(sp => CreateCredentialsHandler(sp, name))
            .WithoutCookies();

        services.AddKeyedSingleton(name, (sp, _) => new NextcloudFileStorage(
            new StorageId(name),
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<IOptionsMonitor<NextcloudStorageOptions>>(),
            () => sp.GetService<IStorageAccessTokenProvider>(),
            (sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<NextcloudFileStorage>()));
        services.AddSingleton<IFileStorage>(sp => sp.GetRequiredKeyedService<NextcloudFileStorage>(name));
        var setupChecks = NextcloudSetupRegistration.Add(services, name);
        return new NextcloudStorageBuilder(services, name, http, transfer, setupChecks, resilience);
    }

    /// <summary>Adds a Nextcloud storage under a name; see <see cref="AddNextcloudStorage(IServiceCollection, string, Action{NextcloudStorageOptions})"/>.</summary>
    /// <param name="builder">The builder from <c>AddOpenProjectStorages</c>.</param>
    /// <param name="name">The storage's name, unique among the host's storages.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>A builder exposing the storage's HTTP clients.</returns>
    public static NextcloudStorageBuilder AddNextcloudStorage(this OpenProjectStoragesBuilder builder, string name, Action<NextcloudStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Services.AddNextcloudStorage(name, configure);
    }

    private static SocketsHttpHandler CreatePrimaryHandler(DecompressionMethods decompression) => new()
    {
        // Never follow a redirect: Nextcloud redirects to its login page, and credentials must not go elsewhere.
        AllowAutoRedirect = false,
        // Nextcloud answers a request with a session cookie as the session's user: see CookieFreeClient.
        UseCookies = false,
        AutomaticDecompression = decompression,
        ConnectTimeout = TimeSpan.FromSeconds(15),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    private static NextcloudCredentialsHandler CreateCredentialsHandler(IServiceProvider services, string name)
    {
        // Resolved once per handler chain: the scope the factory gives handlers may be gone later.
        var tokenProvider = services.GetKeyedService<IStorageAccessTokenProvider>(name)
            ?? services.GetService<IStorageAccessTokenProvider>()
            ?? MissingAccessTokenProvider.Instance;
        return new NextcloudCredentialsHandler(
            new StorageId(name),
            tokenProvider,
            services.GetRequiredService<IOptionsMonitor<NextcloudStorageOptions>>(),
            services.GetService<ILogger<NextcloudCredentialsHandler>>() ?? NullLogger<NextcloudCredentialsHandler>.Instance);
    }
}
