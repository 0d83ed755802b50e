using System.Net;
using Microsoft.Extensions.Configuration;
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
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddNextcloudStorage(name, options => options.Configure(configure));
    }

    /// <summary>
    /// Adds a Nextcloud storage under a name with its options bound from configuration, for example the section
    /// <c>"Storages:Nextcloud"</c> of appsettings.json; otherwise as
    /// <see cref="AddNextcloudStorage(IServiceCollection, string, Action{NextcloudStorageOptions})"/>. The keys are
    /// the property names of <see cref="NextcloudStorageOptions"/> (<c>BaseAddress</c>, <c>OAuthClientId</c>,
    /// <c>RequestTimeout</c> as <c>"00:00:30"</c>, …); a subsection <c>SetupChecks</c> binds
    /// <see cref="NextcloudSetupOptions"/>. A key that names no option fails at start-up (a misspelt
    /// <c>BaseAdress</c> would otherwise leave the storage unconfigured), and the options are validated as with
    /// the delegate. Changes of a reloadable source reach the options monitor.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The storage's name, unique among the host's storages.</param>
    /// <param name="configuration">The storage's configuration section.</param>
    /// <returns>A builder exposing the storage's HTTP clients.</returns>
    /// <exception cref="InvalidOperationException">A Nextcloud storage with this name is already registered.</exception>
    public static NextcloudStorageBuilder AddNextcloudStorage(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddNextcloudStorage(name, options => options.Bind(configuration));
        services.AddSingleton<IValidateOptions<NextcloudStorageOptions>>(new ConfigurationKeysValidator<NextcloudStorageOptions>(name, configuration, SetupChecksSection));
        services.AddOptions<NextcloudSetupOptions>(name).Bind(configuration.GetSection(SetupChecksSection), binder => binder.ErrorOnUnknownConfiguration = true);
        return builder;
    }

    /// <summary>Adds a Nextcloud storage under a name, its options bound from configuration; see <see cref="AddNextcloudStorage(IServiceCollection, string, IConfiguration)"/>.</summary>
    /// <param name="builder">The builder from <c>AddOpenProjectStorages</c>.</param>
    /// <param name="name">The storage's name, unique among the host's storages.</param>
    /// <param name="configuration">The storage's configuration section.</param>
    /// <returns>A builder exposing the storage's HTTP clients.</returns>
    public static NextcloudStorageBuilder AddNextcloudStorage(this OpenProjectStoragesBuilder builder, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Services.AddNextcloudStorage(name, configuration);
    }

    private const string SetupChecksSection = "SetupChecks";

    private static NextcloudStorageBuilder AddNextcloudStorage(this IServiceCollection services, string name, Action<OptionsBuilder<NextcloudStorageOptions>> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (services.Any(d => d.IsKeyedService && d.ServiceType == typeof(NextcloudFileStorage) && Equals(d.ServiceKey, name)))
        {
            throw new InvalidOperationException($"A Nextcloud storage named '{name}' is already registered.");
        }

        services.AddOpenProjectStorages();
        var options = services.AddOptions<NextcloudStorageOptions>(name);
        configure(options);
        options.ValidateOnStart();
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
