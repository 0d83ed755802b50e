using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OpenProject.Storages.WorkPackages;
using static OpenProject.Storages.Nextcloud.AspNetCore.ApiV3.HalResults;

namespace OpenProject.Storages.Nextcloud.AspNetCore.ApiV3;

/// <summary>
/// The host's objects in OpenProject's HAL shapes, with the fields Nextcloud's app reads (see the recordings'
/// README): numeric ids, non-empty titles on <c>_links.status|type|project</c>, <c>_links.assignee</c> always present.
/// </summary>
internal sealed class ApiRepresentations(string apiBase)
{
    /// <summary>The API's base path, with the host's path base: <c>{pathBase}/api/v3</c>.</summary>
    public string Base { get; } = apiBase;

    public static ApiRepresentations For(HttpContext context) => new(context.Request.PathBase + "/api/v3");

    public string Href(string path) => Base + "/" + path;

    public JsonObject WorkPackage(WorkPackage wp, bool embed = false)
    {
        var id = Number(wp.Id);
        var body = new JsonObject
        {
            ["_type"] = "WorkPackage",
            ["id"] = wp.Id,
            ["lockVersion"] = 0,
            ["subject"] = wp.Subject,
            ["description"] = Formattable(wp.Description),
            ["createdAt"] = Time(wp.CreatedAt),
            ["updatedAt"] = Time(wp.UpdatedAt),
            ["_links"] = new JsonObject
            {
                ["self"] = Link(Href("work_packages/" + id), wp.Subject),
                ["project"] = Link(Href("projects/" + Number(wp.Project.Id)), wp.Project.Name),
                ["type"] = Link(Href("types/" + Number(wp.Type.Id)), wp.Type.Name),
                ["status"] = Link(Href("statuses/" + Number(wp.Status.Id)), wp.Status.Name),
                ["author"] = UserLink(wp.Author),
                ["assignee"] = UserLink(wp.Assignee),
                ["responsible"] = Link(null),
                ["fileLinks"] = Link(Href($"work_packages/{id}/file_links")),
                ["addFileLink"] = Link(Href($"work_packages/{id}/file_links"), method: "post"),
            },
        };
        if (embed)
        {
            body["_embedded"] = new JsonObject { ["type"] = Type(wp.Type), ["status"] = Status(wp.Status), ["project"] = Project(wp.Project) };
        }

        return body;
    }

    public JsonObject Status(WorkPackageStatus status) => new()
    {
        ["_type"] = "Status",
        ["id"] = status.Id,
        ["name"] = status.Name,
        ["isClosed"] = status.IsClosed,
        ["color"] = status.Color,
        ["isDefault"] = status.IsDefault,
        ["_links"] = new JsonObject { ["self"] = Link(Href("statuses/" + Number(status.Id)), status.Name) },
    };

    public JsonObject Type(WorkPackageType type) => new()
    {
        ["_type"] = "Type",
        ["id"] = type.Id,
        ["name"] = type.Name,
        ["color"] = type.Color,
        ["isDefault"] = type.IsDefault,
        ["isMilestone"] = type.IsMilestone,
        ["_links"] = new JsonObject { ["self"] = Link(Href("types/" + Number(type.Id)), type.Name) },
    };

    public JsonObject Project(HostProject project) => new()
    {
        ["_type"] = "Project",
        ["id"] = project.Id,
        ["identifier"] = project.Identifier,
        ["name"] = project.Name,
        ["active"] = true,
        ["_links"] = new JsonObject
        {
            ["self"] = Link(Href("projects/" + Number(project.Id)), project.Name),
            // The app dereferences the parent of every project: a top-level one has an explicit null href.
            ["parent"] = project.ParentId is { } parent ? Link(Href("projects/" + Number(parent))) : Link(null),
        },
    };

    public JsonObject User(HostUser user) => new()
    {
        ["_type"] = "User",
        ["id"] = Id(user.Id.Value),
        ["name"] = user.Name,
        ["firstName"] = user.FirstName,
        ["lastName"] = user.LastName,
        ["login"] = user.Login,
        ["avatar"] = Href($"users/{Uri.EscapeDataString(user.Id.Value)}/avatar"),
        ["status"] = "active",
        ["_links"] = new JsonObject { ["self"] = Link(Href("users/" + Uri.EscapeDataString(user.Id.Value)), user.Name) },
    };

    public JsonObject UserLink(HostUser? user) =>
        user is null ? Link(null) : Link(Href("users/" + Uri.EscapeDataString(user.Id.Value)), user.Name);

    public JsonObject Notification(HostNotification notification) => new()
    {
        ["_type"] = "Notification",
        ["id"] = notification.Id,
        ["readIAN"] = false,
        ["reason"] = notification.Reason,
        ["createdAt"] = Time(notification.CreatedAt),
        ["updatedAt"] = Time(notification.CreatedAt),
        ["_embedded"] = new JsonObject(),
        ["_links"] = new JsonObject
        {
            ["self"] = Link(Href("notifications/" + Number(notification.Id))),
            ["actor"] = UserLink(notification.Actor),
            ["project"] = Link(Href("projects/" + Number(notification.Project.Id)), notification.Project.Name),
            ["resource"] = Link(Href("work_packages/" + Number(notification.WorkPackageId)), notification.WorkPackageSubject),
        },
    };

    public static JsonObject Formattable(string raw) => new() { ["format"] = "markdown", ["raw"] = raw, ["html"] = string.Empty };

    public static string Number(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The id at the end of an href such as <c>/api/v3/types/6</c>, or <see langword="null"/>.</summary>
    public static string? LastSegment(string? href)
    {
        if (string.IsNullOrEmpty(href))
        {
            return null;
        }

        var slash = href.TrimEnd('/').LastIndexOf('/');
        return Uri.UnescapeDataString(slash < 0 ? href : href[(slash + 1)..]);
    }
}
