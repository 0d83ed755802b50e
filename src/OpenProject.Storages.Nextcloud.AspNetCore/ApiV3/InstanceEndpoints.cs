using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OpenProject.Storages.WorkPackages;
using static OpenProject.Storages.Nextcloud.AspNetCore.ApiV3.HalResults;

namespace OpenProject.Storages.Nextcloud.AspNetCore.ApiV3;

/// <summary>The instance check, the configuration, the connected user, avatars, statuses and types.</summary>
internal static class InstanceEndpoints
{
    /// <summary>
    /// <c>GET /api/v3/</c>: the app's instance check sends an empty <c>Authorization: Bearer</c> and needs
    /// <c>_type: Root</c> with an <c>instanceName</c>; with a token, the user is linked too.
    /// </summary>
    public static async Task<IResult> RootAsync(HttpContext http, IOptions<NextcloudIntegrationOptions> options)
    {
        http.Response.Headers.CacheControl = "no-store";
        var api = ApiRepresentations.For(http);
        var links = new JsonObject
        {
            ["self"] = Link(api.Base),
            ["configuration"] = Link(api.Href("configuration")),
            ["workPackages"] = Link(api.Href("work_packages")),
        };
        if (await ApiV3Filter.AuthenticateAsync(http).ConfigureAwait(false) is { } user)
        {
            links["user"] = Link(api.Href("users/" + Uri.EscapeDataString(user.Value)));
        }

        return Json(new JsonObject { ["_type"] = "Root", ["instanceName"] = options.Value.InstanceName, ["_links"] = links });
    }

    /// <summary><c>GET /api/v3/configuration</c>, reached by the smart picker as <c>/api/v3//configuration</c>.</summary>
    public static IResult Configuration(HttpContext http)
    {
        var api = ApiRepresentations.For(http);
        return Json(new JsonObject
        {
            ["_type"] = "Configuration",
            ["maximumAttachmentFileSize"] = 0,
            ["perPageOptions"] = new JsonArray(20, 100),
            ["_links"] = new JsonObject { ["self"] = Link(api.Href("configuration")) },
        });
    }

    /// <summary><c>GET /api/v3/users/me</c>: the app stores "firstName lastName" as the connected account's name.</summary>
    public static async Task<IResult> MeAsync(HttpContext http, IWorkPackageDirectory directory, CancellationToken cancellationToken)
    {
        var user = await directory.GetUserAsync(ApiV3Filter.User(http), cancellationToken).ConfigureAwait(false) ?? throw ApiProblem.NotFound();
        return Json(ApiRepresentations.For(http).User(user));
    }

    /// <summary>
    /// <c>GET /api/v3/users/{id}/avatar</c>: the exact media type of the bytes, no parameters (PHP sniffs and compares it);
    /// 404 without one, on which the app draws its own.
    /// </summary>
    public static async Task<IResult> AvatarAsync(string id, IWorkPackageDirectory directory, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 200)
        {
            throw ApiProblem.NotFound();
        }

        var avatar = await directory.GetAvatarAsync(new HostUserId(id), cancellationToken).ConfigureAwait(false) ?? throw ApiProblem.NotFound();
        return Results.Bytes(avatar.Content, avatar.MediaType);
    }

    /// <summary><c>GET /api/v3/statuses/{id}</c>; the app reads <c>color</c> and caches it for an hour.</summary>
    public static async Task<IResult> StatusAsync(HttpContext http, string id, IWorkPackageDirectory directory, CancellationToken cancellationToken)
    {
        var status = await directory.GetStatusAsync(ApiRequest.Id(id, "status"), cancellationToken).ConfigureAwait(false) ?? throw ApiProblem.NotFound();
        return Json(ApiRepresentations.For(http).Status(status));
    }

    /// <summary><c>GET /api/v3/types/{id}</c>.</summary>
    public static async Task<IResult> TypeAsync(HttpContext http, string id, IWorkPackageDirectory directory, CancellationToken cancellationToken)
    {
        var type = await directory.GetTypeAsync(ApiRequest.Id(id, "type"), cancellationToken).ConfigureAwait(false) ?? throw ApiProblem.NotFound();
        return Json(ApiRepresentations.For(http).Type(type));
    }
}
