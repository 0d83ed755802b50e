using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenProject.Storages.Nextcloud.AspNetCore.ApiV3;
using OpenProject.Storages.Nextcloud.AspNetCore.OAuth;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the endpoints Nextcloud's integration_openproject app calls.</summary>
public static class NextcloudIntegrationEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>/oauth/authorize</c> (GET and POST: the host's signed-in user is signed in to the authorization
    /// server, or the host's sign-in is challenged) and <c>/oauth/token</c>; <c>/oauth/revoke</c> is answered by
    /// the authorization server itself. Maps the API v3 endpoints the app calls under <c>/api/v3</c>, accepting only
    /// the tokens the authorization server issued. Call after <c>UseAuthentication()</c>; needs
    /// <c>services.AddNextcloudIntegration(…)</c>, the storages (<c>AddOpenProjectStorages()</c>) and the host's
    /// <see cref="OpenProject.Storages.WorkPackages.IWorkPackageDirectory"/>,
    /// <see cref="OpenProject.Storages.WorkPackages.IWorkPackageCreation"/> and
    /// <see cref="OpenProject.Storages.WorkPackages.INotificationInbox"/>.
    /// </summary>
    /// <param name="endpoints">The host's endpoints.</param>
    /// <returns>The group holding the endpoints, to add conventions (rate limiting, for example).</returns>
    public static RouteGroupBuilder MapNextcloudIntegration(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(string.Empty);
        group.MapMethods("/oauth/authorize", ["GET", "POST"], (Delegate)OAuthEndpoints.AuthorizeAsync).ExcludeFromDescription();
        group.MapPost("/oauth/token", (Delegate)OAuthEndpoints.TokenAsync).ExcludeFromDescription();
        ApiV3Routes.Map(group);
        return group;
    }
}
