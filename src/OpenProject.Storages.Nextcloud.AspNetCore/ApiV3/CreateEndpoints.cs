using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OpenProject.Storages.WorkPackages;
using static OpenProject.Storages.Nextcloud.AspNetCore.ApiV3.HalResults;

namespace OpenProject.Storages.Nextcloud.AspNetCore.ApiV3;

/// <summary>"Create and link a work package" in Nextcloud: projects to choose, the form, assignees, the creation.</summary>
internal static class CreateEndpoints
{
    private static readonly string[] ProjectFilters = ["typeahead", "storageUrl", "userAction"];
    private static readonly string[] UserActions = ["file_links/manage", "work_packages/create"];

    /// <summary>
    /// <c>GET /api/v3/work_packages/available_projects</c> with <c>storageUrl</c> and <c>userAction &amp;=</c>
    /// (in one filter object) and optionally <c>typeahead</c>: projects where the user may create work packages and manage file links.
    /// </summary>
    public static async Task<IResult> ProjectsAsync(HttpContext http, IWorkPackageCreation creation, StorageUrl storageUrl, IOptions<NextcloudIntegrationOptions> options, CancellationToken cancellationToken)
    {
        var filters = ApiFilter.Parse(http.Request.Query["filters"], ProjectFilters);
        var (pageSize, offset) = ApiRequest.Paging(http, options.Value);
        string? text = null;
        var known = true;
        foreach (var filter in filters)
        {
            switch (filter.Name)
            {
                case "typeahead":
                    text = string.Join(' ', filter.Values).Trim() is { Length: > 0 } typed ? typed : null;
                    break;
                case "storageUrl":
                    known &= filter.Values.Any(storageUrl.Matches);
                    break;
                default:
                    if (filter.Values.Any(action => !UserActions.Contains(action, StringComparer.Ordinal)))
                    {
                        throw ApiProblem.InvalidQuery($"userAction takes {string.Join(" and ", UserActions)}.");
                    }

                    break;
            }
        }

        var projects = known ? await creation.GetProjectsAsync(ApiV3Filter.User(http), text, cancellationToken).ConfigureAwait(false) : [];
        var api = ApiRepresentations.For(http);
        var page = projects.Skip((offset - 1) * pageSize).Take(pageSize).Select(api.Project);
        return Json(Collection("Collection", page, api.Base + "/work_packages/available_projects" + http.Request.QueryString, pageSize, offset, projects.Count));
    }

    /// <summary><c>POST /api/v3/projects/{id}/work_packages/form</c>: allowed types and statuses, the payload with defaults, validation errors.</summary>
    public static async Task<IResult> FormAsync(HttpContext http, string id, IWorkPackageCreation creation, IWorkPackageDirectory directory, IOptions<NextcloudIntegrationOptions> options, CancellationToken cancellationToken)
    {
        var projectId = ApiRequest.Id(id, "project");
        using var body = await ApiRequest.ReadJsonAsync(http, options.Value.MaxRequestBodySize, cancellationToken).ConfigureAwait(false);
        var draft = Draft(body.RootElement, projectId);
        var form = await creation.GetFormAsync(ApiV3Filter.User(http), draft, cancellationToken).ConfigureAwait(false) ?? throw ApiProblem.NotFound();
        var api = ApiRepresentations.For(http);
        var assignee = draft.AssigneeId is { } assigneeId ? await directory.GetUserAsync(assigneeId, cancellationToken).ConfigureAwait(false) : null;
        var type = form.Types.FirstOrDefault(t => t.Id == form.Payload.TypeId);
        var status = form.Statuses.FirstOrDefault(s => s.Id == form.Payload.StatusId);

        var errors = new JsonObject();
        foreach (var error in form.ValidationErrors)
        {
            errors[error.Property] = ErrorBody(error);
        }

        return Json(new JsonObject
        {
            ["_type"] = "Form",
            ["_embedded"] = new JsonObject
            {
                ["payload"] = new JsonObject
                {
                    ["subject"] = form.Payload.Subject,
                    ["description"] = ApiRepresentations.Formattable(form.Payload.Description),
                    ["_links"] = new JsonObject
                    {
                        ["type"] = type is null ? Link(null) : Link(api.Href("types/" + ApiRepresentations.Number(type.Id)), type.Name),
                        ["status"] = status is null ? Link(null) : Link(api.Href("statuses/" + ApiRepresentations.Number(status.Id)), status.Name),
                        ["project"] = Link(api.Href("projects/" + ApiRepresentations.Number(form.Project.Id)), form.Project.Name),
                        ["assignee"] = api.UserLink(assignee),
                    },
                },
                ["schema"] = new JsonObject
                {
                    ["_type"] = "Schema",
                    ["subject"] = new JsonObject { ["type"] = "String", ["name"] = "Subject", ["required"] = true, ["writable"] = true, ["minLength"] = 1, ["maxLength"] = 255 },
                    ["description"] = new JsonObject { ["type"] = "Formattable", ["name"] = "Description", ["required"] = false, ["writable"] = true },
                    ["type"] = Allowed("Type", form.Types.Select(api.Type)),
                    ["status"] = Allowed("Status", form.Statuses.Select(api.Status)),
                },
                ["validationErrors"] = errors,
            },
        });
    }

    /// <summary><c>GET /api/v3/projects/{id}/available_assignees</c>.</summary>
    public static async Task<IResult> AssigneesAsync(HttpContext http, string id, IWorkPackageCreation creation, CancellationToken cancellationToken)
    {
        var projectId = ApiRequest.Id(id, "project");
        var users = await creation.GetAssigneesAsync(ApiV3Filter.User(http), projectId, cancellationToken).ConfigureAwait(false) ?? throw ApiProblem.NotFound();
        var api = ApiRepresentations.For(http);
        return Json(Collection("Collection", users.Select(api.User), api.Href($"projects/{projectId}/available_assignees")));
    }

    /// <summary>
    /// <c>POST /api/v3/work_packages</c> (the project in <c>_links.project</c>): 201 with the work package and its
    /// <c>_embedded</c> objects, or 422 <c>PropertyConstraintViolation</c> (one error) / <c>MultipleErrors</c>.
    /// </summary>
    public static async Task<IResult> CreateAsync(HttpContext http, IWorkPackageCreation creation, IOptions<NextcloudIntegrationOptions> options, CancellationToken cancellationToken)
    {
        using var body = await ApiRequest.ReadJsonAsync(http, options.Value.MaxRequestBodySize, cancellationToken).ConfigureAwait(false);
        var draft = Draft(body.RootElement, projectId: null);
        var result = await creation.CreateAsync(ApiV3Filter.User(http), draft, cancellationToken).ConfigureAwait(false);
        if (result.Created is { } created)
        {
            return Json(ApiRepresentations.For(http).WorkPackage(created, embed: true), StatusCodes.Status201Created);
        }

        var errors = result.ValidationErrors.Count > 0 ? result.ValidationErrors : [new WorkPackageValidationError("base", "The work package could not be created.")];
        if (errors.Count == 1)
        {
            return Json(ErrorBody(errors[0]), StatusCodes.Status422UnprocessableEntity);
        }

        return HalResults.Error(
            StatusCodes.Status422UnprocessableEntity,
            "MultipleErrors",
            "Multiple field constraints have been violated.",
            new JsonObject { ["errors"] = new JsonArray([.. errors.Select(ErrorBody)]) });
    }

    private static JsonObject ErrorBody(WorkPackageValidationError error) => new()
    {
        ["_type"] = "Error",
        ["errorIdentifier"] = "urn:openproject-org:api:v3:errors:PropertyConstraintViolation",
        ["message"] = error.Message,
        ["_embedded"] = new JsonObject { ["details"] = new JsonObject { ["attribute"] = error.Property } },
    };

    private static JsonObject Allowed(string name, IEnumerable<JsonObject> values)
    {
        var allowed = values.ToList();
        return new JsonObject
        {
            ["type"] = name,
            ["name"] = name,
            ["required"] = true,
            ["hasDefault"] = true,
            ["writable"] = true,
            ["location"] = "_links",
            ["_embedded"] = new JsonObject { ["allowedValues"] = new JsonArray([.. allowed]) },
            ["_links"] = new JsonObject { ["allowedValues"] = new JsonArray([.. allowed.Select(v => v["_links"]!["self"]!.DeepClone())]) },
        };
    }

    /// <summary>The draft in a form or create body: <c>subject</c>, <c>description.raw</c>, and ids from the <c>_links</c> hrefs.</summary>
    private static WorkPackageDraft Draft(JsonElement root, long? projectId)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw ApiProblem.InvalidBody("The body must be a JSON object.");
        }

        var links = root.TryGetProperty("_links", out var l) && l.ValueKind == JsonValueKind.Object ? l : default;
        var project = projectId ?? (LinkId(links, "project") is { } fromLink
            ? ApiRequest.Id(fromLink, "project")
            : throw new ApiProblem(StatusCodes.Status422UnprocessableEntity, "PropertyConstraintViolation", "Project can't be blank.", "project"));
        var assignee = LinkId(links, "assignee");
        return new WorkPackageDraft
        {
            ProjectId = project,
            Subject = Text(root, "subject") ?? string.Empty,
            Description = root.TryGetProperty("description", out var description) && description.ValueKind == JsonValueKind.Object ? Text(description, "raw") ?? string.Empty : string.Empty,
            TypeId = LinkId(links, "type") is { } type ? ApiRequest.Id(type, "type") : null,
            StatusId = LinkId(links, "status") is { } status ? ApiRequest.Id(status, "status") : null,
            AssigneeId = string.IsNullOrEmpty(assignee) || assignee.Length > 200 ? null : new HostUserId(assignee),
        };
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? LinkId(JsonElement links, string name) =>
        links.ValueKind == JsonValueKind.Object && links.TryGetProperty(name, out var link) && link.ValueKind == JsonValueKind.Object
            ? ApiRepresentations.LastSegment(Text(link, "href"))
            : null;
}
