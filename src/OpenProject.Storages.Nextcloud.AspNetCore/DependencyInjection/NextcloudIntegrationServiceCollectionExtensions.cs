using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using OpenProject.Storages.Nextcloud.AspNetCore;
using OpenProject.Storages.Nextcloud.AspNetCore.DependencyInjection;
using OpenProject.Storages.Nextcloud.AspNetCore.ApiV3;
using OpenProject.Storages.Nextcloud.AspNetCore.OAuth;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the "OpenProject" side that Nextcloud's integration_openproject app talks to.</summary>
public static class NextcloudIntegrationServiceCollectionExtensions
{
    /// <summary>
    /// Adds the OAuth2 authorization server for Nextcloud's integration_openproject app (OpenIddict: authorization
    /// code with PKCE S256, rotating reference refresh tokens, revocation) and the validation of the opaque access
    /// tokens it issues (<see cref="NextcloudIntegrationDefaults.AuthenticationScheme"/>). The options are
    /// validated at start-up, when the Nextcloud client is also written to OpenIddict's application store.
    /// The host completes the returned builder with OpenIddict's stores (<c>AddCore(…)</c>, for example Entity
    /// Framework Core) and its signing and encryption keys (<c>AddServer(…)</c>), then maps the endpoints with
    /// <c>MapNextcloudIntegration()</c> after <c>UseAuthentication()</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>OpenIddict's builder, to add the stores and keys.</returns>
    public static OpenIddictBuilder AddNextcloudIntegration(this IServiceCollection services, Action<NextcloudIntegrationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<NextcloudIntegrationOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NextcloudIntegrationOptions>, NextcloudIntegrationOptionsValidator>());
        services.AddHostedService<NextcloudClientRegistration>();
        services.TryAddSingleton<StorageUrl>();
        services.AddAntiforgery();

        // Lifetimes and transport security follow the options, read when OpenIddict's own options are built.
        services.AddOptions<OpenIddictServerOptions>().Configure<IOptions<NextcloudIntegrationOptions>>((server, integration) =>
        {
            server.AccessTokenLifetime = integration.Value.AccessTokenLifetime;
            server.RefreshTokenLifetime = integration.Value.RefreshTokenLifetime;
            server.RefreshTokenReuseLeeway = integration.Value.RefreshTokenReuseLeeway;
        });
        services.AddOptions<OpenIddict.Server.AspNetCore.OpenIddictServerAspNetCoreOptions>().Configure<IOptions<NextcloudIntegrationOptions>>((aspNetCore, integration) =>
            aspNetCore.DisableTransportSecurityRequirement = !integration.Value.RequireHttps);

        var builder = services.AddOpenIddict();
        builder.AddServer(server =>
        {
            server.SetAuthorizationEndpointUris("oauth/authorize")
                .SetTokenEndpointUris("oauth/token")
                .SetRevocationEndpointUris("oauth/revoke");
            server.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow();
            server.RequireProofKeyForCodeExchange();
            // Opaque tokens kept in the store: Nextcloud stores them as strings, and revocation takes effect at once.
            server.UseReferenceAccessTokens().UseReferenceRefreshTokens();
            server.AddEventHandler(RevocationTokenFromQuery.Descriptor);
            server.UseAspNetCore()
                .EnableAuthorizationEndpointPassthrough()
                .EnableTokenEndpointPassthrough();
        });
        builder.AddValidation(validation =>
        {
            validation.UseLocalServer();
            validation.UseAspNetCore();
        });
        return builder;
    }
}
