using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using OpenIddict.Abstractions;

namespace OpenProject.Storages.Nextcloud.AspNetCore.ApiV3;

/// <summary>
/// Every API v3 endpoint but the root: only a token the package's authorization server issued for the API is
/// accepted (anything else is 401 with an error body, on which Nextcloud's app refreshes), its subject is the
/// acting host user, and refusals and storage failures become OpenProject's error bodies.
/// </summary>
internal sealed class ApiV3Filter : IEndpointFilter
{
    private const string UserKey = "OpenProject.Storages.ApiV3.User";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        http.Response.Headers.CacheControl = "no-store";
        var user = await AuthenticateAsync(http).ConfigureAwait(false);
        if (user is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"OpenProject API\", error=\"invalid_token\"";
            return HalResults.Error(StatusCodes.Status401Unauthorized, "Unauthenticated", "You did not provide the correct credentials.");
        }

        http.Items[UserKey] = user.Value;
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (ApiProblem problem)
        {
            return HalResults.Error(problem);
        }
        catch (StorageException error)
        {
            return StorageError(error);
        }
    }

    /// <summary>The acting user of a request that passed this filter.</summary>
    public static HostUserId User(HttpContext context) =>
        context.Items.TryGetValue(UserKey, out var user) && user is HostUserId id ? id : throw new InvalidOperationException("The API v3 filter did not run for this endpoint.");

    /// <summary>The token's host user, or <see langword="null"/> without a valid API token.</summary>
    public static async Task<HostUserId?> AuthenticateAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(NextcloudIntegrationDefaults.AuthenticationScheme).ConfigureAwait(false);
        var subject = result.Principal?.GetClaim(OpenIddictConstants.Claims.Subject);
        return result.Succeeded && !string.IsNullOrEmpty(subject) && result.Principal!.HasScope(NextcloudIntegrationDefaults.ApiScope)
            ? new HostUserId(subject)
            : null;
    }

    /// <summary>A storage failure as the app expects to see it: the status it passes on to the user, and a message without secrets.</summary>
    public static IResult StorageError(StorageException error)
    {
        var code = error.Code;
        if (code == StorageErrorCode.PermissionMissing)
        {
            return HalResults.Error(StatusCodes.Status403Forbidden, "MissingPermission", error.Message);
        }

        if (code == StorageErrorCode.NotFound)
        {
            return HalResults.Error(StatusCodes.Status404NotFound, "NotFound", error.Message);
        }

        if (code == StorageErrorCode.Forbidden || code == StorageErrorCode.Unauthorized || code == StorageErrorCode.InvalidRequest)
        {
            // The user's own storage access refused the file, or the host holds no storage login for them.
            return HalResults.Error(StatusCodes.Status422UnprocessableEntity, "PropertyConstraintViolation", error.Message);
        }

        return code == StorageErrorCode.Unavailable
            ? HalResults.Error(StatusCodes.Status503ServiceUnavailable, "OutboundRequest:ServiceUnavailable", error.Message)
            : HalResults.Error(StatusCodes.Status502BadGateway, "OutboundRequest:BadGateway", error.Message);
    }
}
