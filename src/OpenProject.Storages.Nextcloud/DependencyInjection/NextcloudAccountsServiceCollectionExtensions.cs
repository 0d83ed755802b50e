using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenProject.Storages;
using OpenProject.Storages.Nextcloud;
using OpenProject.Storages.Nextcloud.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Nextcloud account connection (OAuth2) and its credentials handler.</summary>
public static class NextcloudAccountsServiceCollectionExtensions
{
    /// <summary>
    /// Adds connecting, refreshing and disconnecting Nextcloud accounts for the storage named
    /// <paramref name="storageName"/> (the name of its <see cref="NextcloudStorageOptions"/> and its
    /// <see cref="StorageId"/>): <see cref="NextcloudAccounts"/>, <see cref="NextcloudAccessTokenProvider"/>
    /// (also as <see cref="IStorageAccessTokenProvider"/>, and keyed by the storage name), the default
    /// in-memory <see cref="IStorageConnectStateStore"/>, and the <see cref="NextcloudAccountsHttpClient.Name"/>
    /// client. The OAuth options (base address, client id, secret, redirect URI) are validated at start-up.
    /// The host registers its <see cref="IStorageTokenStore"/> (and may replace the connect-state store) as a
    /// singleton or scoped service: the singletons here resolve them in a new scope for each call, so a store on
    /// an EF Core <c>DbContext</c> works. Calling it for several storages is fine.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="storageName">The storage's name.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddNextcloudAccounts(this IServiceCollection services, string storageName)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(storageName);
        services.AddLogging();
        services.AddHttpClient(NextcloudAccountsHttpClient.Name).ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler
        {
            // A token request carries the client secret and a refresh token or code in its body, which a
            // followed 307 or 308 would send on to wherever it points.
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        }).WithoutCookies();
        services.AddOptions<NextcloudStorageOptions>(storageName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NextcloudStorageOptions>>(new AccountOptionsValidator(storageName)));
        return services.AddStorageAccounts(
            storageName,
            static (provider, tokens) => new NextcloudAccessTokenProvider(
                tokens,
                provider.GetRequiredService<IHttpClientFactory>(),
                provider.GetRequiredService<IOptionsMonitor<NextcloudStorageOptions>>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<NextcloudAccessTokenProvider>>()),
            static (provider, states, tokens, tokenProvider) => new NextcloudAccounts(
                states, tokens, tokenProvider, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<NextcloudAccounts>>()));
    }

    /// <summary>
    /// Adds the <see cref="NextcloudCredentialsHandler"/> of the storage named <paramref name="storageName"/> to an
    /// <see cref="HttpClient"/>: requests carrying a <see cref="StorageActor"/> get that actor's credentials.
    /// Requires <see cref="AddNextcloudAccounts"/> for user-bound requests.
    /// </summary>
    /// <param name="builder">The client's builder.</param>
    /// <param name="storageName">The storage's name.</param>
    /// <returns>The builder.</returns>
    public static IHttpClientBuilder AddNextcloudCredentialsHandler(this IHttpClientBuilder builder, string storageName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(storageName);
        var storage = new StorageId(storageName);
        builder.WithoutCookies();
        return builder.AddHttpMessageHandler(provider => new NextcloudCredentialsHandler(
            storage,
            provider.GetRequiredService<NextcloudAccessTokenProvider>(),
            provider.GetRequiredService<IOptionsMonitor<NextcloudStorageOptions>>(),
            provider.GetRequiredService<ILogger<NextcloudCredentialsHandler>>()));
    }

    private sealed class AccountOptionsValidator(string storageName) : IValidateOptions<NextcloudStorageOptions>
    {
        public ValidateOptionsResult Validate(string? name, NextcloudStorageOptions options)
        {
            if (!string.Equals(name, storageName, StringComparison.Ordinal))
            {
                return ValidateOptionsResult.Skip;
            }

            var failures = new List<string>();
            if (options.BaseAddress is not { IsAbsoluteUri: true })
            {
                failures.Add($"Nextcloud storage '{name}': BaseAddress must be an absolute URL.");
            }

            if (string.IsNullOrWhiteSpace(options.OAuthClientId))
            {
                failures.Add($"Nextcloud storage '{name}': OAuthClientId is required to connect accounts.");
            }

            if (string.IsNullOrWhiteSpace(options.OAuthClientSecret))
            {
                failures.Add($"Nextcloud storage '{name}': OAuthClientSecret is required to connect accounts.");
            }

            failures.AddRange(StorageAccountOptionsChecks.Check(options, $"Nextcloud storage '{name}'", "in Nextcloud"));
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
