using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenProject.Storages;
using OpenProject.Storages.OneDrive;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers OneDrive user accounts (OAuth2 with Microsoft Entra ID).</summary>
public static class OneDriveAccountsServiceCollectionExtensions
{
    /// <summary>
    /// Adds connecting, refreshing and disconnecting OneDrive accounts for the storage named <paramref name="storageName"/>
    /// (the name of its <see cref="OneDriveStorageOptions"/> and its <see cref="StorageId"/>, as given to
    /// <c>AddOneDriveStorage</c>): <see cref="OneDriveAccounts"/>, <see cref="OneDriveAccessTokenProvider"/> (also as
    /// <see cref="IStorageAccessTokenProvider"/> keyed by the storage name, which the storage takes before the default
    /// one, and as the default one when none is registered), the default in-memory <see cref="IStorageConnectStateStore"/>,
    /// and the <see cref="OneDriveAccountsHttpClient.Name"/> client (no redirects, no cookies). The app registration
    /// (tenant id, client id, secret) and <see cref="OneDriveStorageOptions.OAuthRedirectUri"/> are validated at start-up.
    /// The host registers its <see cref="IStorageTokenStore"/> (and may replace the connect-state store) as a singleton or
    /// scoped service: the singletons here resolve them in a new scope for each call. Calling it for several storages,
    /// and next to <c>AddNextcloudAccounts</c>, is fine: both share the token store and the connect-state store.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="storageName">The storage's name.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddOneDriveAccounts(this IServiceCollection services, string storageName)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(storageName);
        services.AddLogging();
        services.AddHttpClient(OneDriveAccountsHttpClient.Name).ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler
        {
            // A token request carries the client secret and a code or refresh token in its body, which a followed
            // 307 or 308 would send on to wherever it points.
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        });
        services.AddOptions<OneDriveStorageOptions>(storageName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OneDriveStorageOptions>>(new AccountOptionsValidator(storageName)));
        return services.AddStorageAccounts(
            storageName,
            static (provider, tokens) => new OneDriveAccessTokenProvider(
                tokens,
                provider.GetRequiredService<IHttpClientFactory>(),
                provider.GetRequiredService<IOptionsMonitor<OneDriveStorageOptions>>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<OneDriveAccessTokenProvider>>()),
            static (provider, states, tokens, tokenProvider) => new OneDriveAccounts(
                states, tokens, tokenProvider, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<OneDriveAccounts>>()));
    }

    private sealed class AccountOptionsValidator(string storageName) : IValidateOptions<OneDriveStorageOptions>
    {
        public ValidateOptionsResult Validate(string? name, OneDriveStorageOptions options)
        {
            if (!string.Equals(name, storageName, StringComparison.Ordinal))
            {
                return ValidateOptionsResult.Skip;
            }

            var failures = new List<string>();
            if (string.IsNullOrWhiteSpace(options.TenantId) || string.IsNullOrWhiteSpace(options.ClientId) || string.IsNullOrEmpty(options.ClientSecret))
            {
                failures.Add($"OneDrive storage '{name}': TenantId, ClientId and ClientSecret (the app registration in Entra ID) are required to connect accounts.");
            }

            failures.AddRange(StorageAccountOptionsChecks.Check(options, $"OneDrive storage '{name}'", "as a Web redirect URI of the app registration"));
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
