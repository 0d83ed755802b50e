using System.Text.Json.Nodes;
using static OpenProject.Storages.Nextcloud.AspNetCore.ApiV3.HalResults;

namespace OpenProject.Storages.Nextcloud.AspNetCore.ApiV3;

/// <summary>A file link in OpenProject's shape: <c>originData.id</c> as text (the app parses it back to the Nextcloud file id), the link id a number.</summary>
internal static class FileLinkRepresentation
{
    public static JsonObject Of(ApiRepresentations api, FileLink link, IFileStorage? storage, Uri storageAddress, FileLinkStatus? status)
    {
        var id = Uri.EscapeDataString(link.Id.Value);
        var origin = link.Origin;
        var links = new JsonObject
        {
            ["self"] = Link(api.Href("file_links/" + id), origin.Name),
            ["storage"] = Link(api.Href("storages/" + Uri.EscapeDataString(link.Storage.Value)), storage?.ProductName),
            ["container"] = Link(api.Href("work_packages/" + Uri.EscapeDataString(link.Container.Id))),
            ["creator"] = Link(api.Href("users/" + Uri.EscapeDataString(link.CreatedBy.Value))),
            ["delete"] = Link(api.Href("file_links/" + id), method: "delete"),
        };
        if (status is { } known)
        {
            links["status"] = Link("urn:openproject-org:api:v3:file-links:permission:" + Permission(known), Title(known));
        }

        if (storage is not null)
        {
            links["originOpen"] = Link(storage.GetOpenLink(link.OriginId, OpenLinkTarget.File).ToString());
            links["originOpenLocation"] = Link(storage.GetOpenLink(link.OriginId, OpenLinkTarget.ContainingFolder).ToString());
        }

        // The host's own redirects: they ask the storage with the user's access first (OpenProject's static links).
        links["staticOriginOpen"] = Link(api.Href("file_links/" + id + "/open"));
        links["staticOriginOpenLocation"] = Link(api.Href("file_links/" + id + "/open?location=true"));
        links["staticOriginDownload"] = Link(api.Href("file_links/" + id + "/download"));

        return new JsonObject
        {
            ["_type"] = "FileLink",
            ["id"] = Id(link.Id.Value),
            ["createdAt"] = Time(link.CreatedAt),
            ["updatedAt"] = Time(link.UpdatedAt),
            ["originData"] = new JsonObject
            {
                ["id"] = link.OriginId.Value,
                ["name"] = origin.Name,
                ["mimeType"] = origin.MimeType,
                ["createdAt"] = origin.CreatedAt is { } created ? Time(created) : null,
                ["lastModifiedAt"] = origin.LastModifiedAt is { } modified ? Time(modified) : null,
                ["createdByName"] = origin.CreatedByName ?? string.Empty,
                ["lastModifiedByName"] = origin.LastModifiedByName ?? string.Empty,
            },
            ["_embedded"] = new JsonObject
            {
                ["storage"] = new JsonObject
                {
                    ["_type"] = "Storage",
                    ["id"] = Id(link.Storage.Value),
                    ["name"] = storage?.ProductName,
                    ["_links"] = new JsonObject
                    {
                        ["self"] = Link(api.Href("storages/" + Uri.EscapeDataString(link.Storage.Value)), storage?.ProductName),
                        ["type"] = Link("urn:openproject-org:api:v3:storages:Nextcloud", "Nextcloud"),
                        ["origin"] = Link(storageAddress.ToString().TrimEnd('/')),
                    },
                },
                ["container"] = new JsonObject
                {
                    ["_type"] = "WorkPackage",
                    ["id"] = Id(link.Container.Id),
                    ["_links"] = new JsonObject { ["self"] = Link(api.Href("work_packages/" + Uri.EscapeDataString(link.Container.Id))) },
                },
            },
            ["_links"] = links,
        };
    }

    private static string Permission(FileLinkStatus status) => status switch
    {
        FileLinkStatus.Available => "ViewAllowed",
        FileLinkStatus.NotAllowed => "ViewNotAllowed",
        FileLinkStatus.NotFound => "NotFound",
        _ => "Error",
    };

    private static string Title(FileLinkStatus status) => status switch
    {
        FileLinkStatus.Available => "View allowed",
        FileLinkStatus.NotAllowed => "View not allowed",
        FileLinkStatus.NotFound => "Not found",
        _ => "Error",
    };
}
