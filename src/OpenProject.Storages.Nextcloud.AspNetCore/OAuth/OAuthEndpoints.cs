using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace OpenProject.Storages.Nextcloud.AspNetCore.OAuth;

/// <summary>
/// The two OAuth2 steps OpenIddict hands to the host ("passthrough"): who the user is at the authorization
/// endpoint (and whether they consented, <see cref="ConsentStep"/>), and which identity a redeemed code or refresh token carries. OpenIddict itself checks the client,
/// its secret, the redirect URI, PKCE, code and refresh token single use, and answers the errors.
/// </summary>
internal static class OAuthEndpoints
{
    private const string ServerScheme = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

    /// <summary>Signs the host's current user in to OpenIddict, or challenges the host's own sign-in first.</summary>
    public static async Task<IResult> AuthorizeAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenIddict server did not handle this authorization request.");
        var options = context.RequestServices.GetRequiredService<IOptions<NextcloudIntegrationOptions>>().Value;
        var scheme = options.HostAuthenticationScheme;
        var signedIn = await context.AuthenticateAsync(scheme).ConfigureAwait(false);
        var subject = signedIn.Principal?.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? signedIn.Principal?.FindFirst(Claims.Subject)?.Value;
        if (!signedIn.Succeeded || string.IsNullOrEmpty(subject))
        {
            // Back to this very request (query and all) once the host's sign-in is done.
            var properties = new AuthenticationProperties { RedirectUri = context.Request.PathBase + context.Request.Path + context.Request.QueryString };
            return scheme is null ? Results.Challenge(properties) : Results.Challenge(properties, [scheme]);
        }

        var identity = new ClaimsIdentity(ServerScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, subject);
        identity.SetClaim(Claims.Name, signedIn.Principal!.Identity?.Name);
        // Nextcloud asks for no scope but needs a refresh token: grant the API and offline access outright.
        identity.SetScopes(NextcloudIntegrationDefaults.ApiScope, Scopes.OfflineAccess);
        identity.SetDestinations(static _ => [Destinations.AccessToken]);

        if (options.RequireConsent)
        {
            var authorizationId = await ConsentStep.FindAsync(context, subject, request.ClientId!).ConfigureAwait(false);
            if (authorizationId is null)
            {
                switch (await ConsentStep.AnswerAsync(context).ConfigureAwait(false))
                {
                    case ConsentStep.Accept:
                        authorizationId = await ConsentStep.RememberAsync(context, identity, subject, request.ClientId!).ConfigureAwait(false);
                        break;
                    case ConsentStep.Deny:
                        // OpenIddict sends the browser back to Nextcloud with error=access_denied and the state.
                        return Forbid(Errors.AccessDenied, "The user did not authorize Nextcloud.");
                    default:
                        return ConsentStep.Page(context, request, signedIn.Principal!.Identity?.Name);
                }
            }

            identity.SetAuthorizationId(authorizationId);
        }

        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: ServerScheme);
    }

    /// <summary>Issues new tokens for the identity in a redeemed authorization code or refresh token.</summary>
    public static async Task<IResult> TokenAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenIddict server did not handle this token request.");
        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
        {
            return Forbid(Errors.UnsupportedGrantType, "Only authorization_code and refresh_token are supported.");
        }

        var redeemed = await context.AuthenticateAsync(ServerScheme).ConfigureAwait(false);
        if (redeemed.Principal is null)
        {
            return Forbid(Errors.InvalidGrant, "The code or refresh token is no longer valid.");
        }

        var identity = new ClaimsIdentity(redeemed.Principal.Claims, ServerScheme, Claims.Name, Claims.Role);
        identity.SetDestinations(static _ => [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: ServerScheme);
    }

    private static IResult Forbid(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [ServerScheme]);
}
