using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
namespace OpenProject.Storages.Nextcloud.AspNetCore.ApiV3;

/// <summary>The API v3 routes integration_openproject 2.8.1 calls, exactly those of the recordings.</summary>
internal static class ApiV3Routes
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        // "/api/v3" and "/api/v3/" alike; before the catch-all below, which also matches an empty rest.
        endpoints.MapGet("/api/v3", (Delegate)InstanceEndpoints.RootAsync).WithOrder(-1).ExcludeFromDescription();

        var api = endpoints.MapGroup("/api/v3").AddEndpointFilter<ApiV3Filter>().ExcludeFromDescription();
        api.MapGet("/configuration", (Delegate)InstanceEndpoints.Configuration);
        api.MapGet("/users/me", (Delegate)InstanceEndpoints.MeAsync);
        api.MapGet("/users/{id}/avatar", (Delegate)InstanceEndpoints.AvatarAsync);
        api.MapGet("/statuses/{id}", (Delegate)InstanceEndpoints.StatusAsync);
        api.MapGet("/types/{id}", (Delegate)InstanceEndpoints.TypeAsync);
        api.MapGet("/work_packages", (Delegate)WorkPackageEndpoints.ListAsync);
        api.MapPost("/work_packages", (Delegate)CreateEndpoints.CreateAsync);
        api.MapGet("/work_packages/available_projects", (Delegate)CreateEndpoints.ProjectsAsync);
        api.MapGet("/work_packages/{id}/file_links", (Delegate)FileLinkEndpoints.ListAsync);
        api.MapPost("/work_packages/{id}/file_links", (Delegate)FileLinkEndpoints.CreateAsync);
        api.MapDelete("/file_links/{id}", (Delegate)FileLinkEndpoints.DeleteAsync);
        api.MapGet("/file_links/{id}/open", (Delegate)FileLinkEndpoints.OpenAsync);
        api.MapGet("/file_links/{id}/download", (Delegate)FileLinkEndpoints.DownloadAsync);
        api.MapPost("/projects/{id}/work_packages/form", (Delegate)CreateEndpoints.FormAsync);
        api.MapGet("/projects/{id}/available_assignees", (Delegate)CreateEndpoints.AssigneesAsync);
        api.MapGet("/notifications", (Delegate)NotificationEndpoints.ListAsync);
        api.MapPost("/notifications/read_ian", (Delegate)NotificationEndpoints.MarkReadAsync);

        // Anything else under the API, and the smart picker's "/api/v3//configuration" (the app joins "/api/v3/" and
        // "/configuration"), which routing sees as an empty segment.
        api.Map("/{**rest}", (HttpContext http, string? rest) =>
            http.Request.Method == HttpMethods.Get && rest?.Trim('/') == "configuration"
                ? InstanceEndpoints.Configuration(http)
                : HalResults.Error(ApiProblem.NotFound()));
    }
}
