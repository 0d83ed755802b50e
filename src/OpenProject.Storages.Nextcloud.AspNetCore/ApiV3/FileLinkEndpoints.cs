using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OpenProject.Storages.WorkPackages;
using static OpenProject.Storages.Nextcloud.AspNetCore.ApiV3.HalResults;

namespace OpenProject.Storages.Nextcloud.AspNetCore.ApiV3;

/// <summary>
/// A work package's file links for Nextcloud's OpenProject tab: list, link one or many (through
/// <see cref="FileLinkService"/>, which reads every file with the user's own Nextcloud access and never trusts the
/// request's origin data), and unlink (never touches the file).
/// </summary>
internal static class FileLinkEndpoints
{
    private const int MaxFileIdLength = 400;

    /// <summary><c>GET /api/v3/work_packages/{id}/file_links</c>: a <c>Collection</c> the unlink dialog searches by <c>originData.id</c>.</summary>
    public static async Task<IResult> ListAsync(HttpContext http, string id, IWorkPackageDirectory directory, FileLinkService fileLinks, FileStorageCatalog storages, StorageUrl storageUrl, CancellationToken cancellationToken)
    {
        var user = ApiV3Filter.User(http);
        var workPackage = await VisibleAsync(user, id, directory, cancellationToken).ConfigureAwait(false);
        var listed = await fileLinks.ListFileLinksAsync(user, workPackage.Container, cancellationToken).ConfigureAwait(false);
        var api = ApiRepresentations.For(http);
        var elements = listed.Storages.SelectMany(section => section.Links.Select(entry =>
            FileLinkRepresentation.Of(api, entry.Link, storages.TryGet(entry.Link.Storage, out var storage) ? storage : null, storageUrl.Address, entry.Status)));
        return Json(Collection("Collection", elements, api.Href($"work_packages/{workPackage.Id}/file_links")));
    }

    /// <summary>
    /// <c>POST /api/v3/work_packages/{id}/file_links</c>: any number of elements (the app's server side sends 25 in one
    /// request), linked all or none, idempotent; the answer has one element per element sent, in order.
    /// </summary>
    public static async Task<IResult> CreateAsync(
        HttpContext http,
        string id,
        IWorkPackageDirectory directory,
        FileLinkService fileLinks,
        FileStorageCatalog storages,
        StorageUrl storageUrl,
        IOptions<NextcloudIntegrationOptions> options,
        CancellationToken cancellationToken)
    {
        var user = ApiV3Filter.User(http);
        var workPackage = await VisibleAsync(user, id, directory, cancellationToken).ConfigureAwait(false);
        using var body = await ApiRequest.ReadJsonAsync(http, options.Value.MaxRequestBodySize, cancellationToken).ConfigureAwait(false);
        var fileIds = Elements(body.RootElement, storageUrl);

        IReadOnlyList<FileLink> links;
        try
        {
            links = await fileLinks.LinkFilesAsync(user, workPackage.Container, storageUrl.Storage, fileIds, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException error) when (error.Code == StorageErrorCode.NotFound)
        {
            // The work package exists (checked above): it is a file that does not, so the request is at fault, not the URL.
            throw new ApiProblem(StatusCodes.Status422UnprocessableEntity, "PropertyConstraintViolation", error.Message, "originData");
        }

        var byFile = links.ToDictionary(link => link.OriginId);
        var api = ApiRepresentations.For(http);
        storages.TryGet(storageUrl.Storage, out var storage);
        var elements = fileIds.Select(fileId => FileLinkRepresentation.Of(api, byFile[fileId], storage, storageUrl.Address, null));
        return Json(Collection("Collection", elements, api.Href($"work_packages/{workPackage.Id}/file_links")), StatusCodes.Status201Created);
    }

    /// <summary><c>DELETE /api/v3/file_links/{id}</c>: 204, which the app requires; the file itself is never touched.</summary>
    public static async Task<IResult> DeleteAsync(HttpContext http, string id, FileLinkService fileLinks, CancellationToken cancellationToken)
    {
        await fileLinks.UnlinkAsync(ApiV3Filter.User(http), LinkId(id), cancellationToken).ConfigureAwait(false);
        return Results.NoContent();
    }

    /// <summary>
    /// <c>GET /api/v3/file_links/{id}/open[?location=true]</c>: a 302 to the file (or its folder) in Nextcloud, after
    /// Nextcloud confirmed the user may see it, as OpenProject's <c>staticOriginOpen</c> links do.
    /// </summary>
    public static async Task<IResult> OpenAsync(HttpContext http, string id, FileLinkService fileLinks, CancellationToken cancellationToken)
    {
        var target = string.Equals(http.Request.Query["location"], "true", StringComparison.OrdinalIgnoreCase)
            ? OpenLinkTarget.ContainingFolder
            : OpenLinkTarget.File;
        var open = await fileLinks.GetOpenLinkAsync(ApiV3Filter.User(http), LinkId(id), target, cancellationToken).ConfigureAwait(false);
        return Results.Redirect(open.AbsoluteUri);
    }

    /// <summary><c>GET /api/v3/file_links/{id}/download</c>: a 302 to the storage's direct download of the file (<c>staticOriginDownload</c>).</summary>
    public static async Task<IResult> DownloadAsync(HttpContext http, string id, FileLinkService fileLinks, CancellationToken cancellationToken)
    {
        var download = await fileLinks.GetDownloadLinkAsync(ApiV3Filter.User(http), LinkId(id), cancellationToken).ConfigureAwait(false);
        return Results.Redirect(download.AbsoluteUri);
    }

    private static FileLinkId LinkId(string id) =>
        string.IsNullOrWhiteSpace(id) || id.Length > 100 ? throw ApiProblem.NotFound() : new FileLinkId(id);

    /// <summary>The work package, or 404 when it does not exist or the user may not see it (no existence leak).</summary>
    public static async Task<WorkPackage> VisibleAsync(HostUserId user, string id, IWorkPackageDirectory directory, CancellationToken cancellationToken)
    {
        var found = await directory.GetAsync(user, [ApiRequest.Id(id, "work package")], cancellationToken).ConfigureAwait(false);
        return found.Count == 1 ? found[0] : throw ApiProblem.NotFound();
    }

    /// <summary>The file ids of the request's elements, in order; every element must name this Nextcloud.</summary>
    private static List<FileId> Elements(JsonElement root, StorageUrl storageUrl)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("_embedded", out var embedded) || embedded.ValueKind != JsonValueKind.Object
            || !embedded.TryGetProperty("elements", out var elements) || elements.ValueKind != JsonValueKind.Array
            || elements.GetArrayLength() == 0)
        {
            throw ApiProblem.InvalidBody("The body must be a Collection with at least one element in _embedded.elements.");
        }

        var fileIds = new List<FileId>(elements.GetArrayLength());
        var index = 0;
        foreach (var element in elements.EnumerateArray())
        {
            index++;
            var origin = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("originData", out var data) && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty("id", out var fileId) ? fileId : default;
            var text = origin.ValueKind switch
            {
                JsonValueKind.Number => origin.GetRawText(),
                JsonValueKind.String => origin.GetString(),
                _ => null,
            };
            if (string.IsNullOrWhiteSpace(text) || text.Length > MaxFileIdLength)
            {
                throw new ApiProblem(StatusCodes.Status422UnprocessableEntity, "PropertyConstraintViolation", $"Element {index} has no usable originData.id; nothing was linked.", "originData");
            }

            var href = element.TryGetProperty("_links", out var links) && links.ValueKind == JsonValueKind.Object
                && links.TryGetProperty("storageUrl", out var storage) && storage.ValueKind == JsonValueKind.Object
                && storage.TryGetProperty("href", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            if (!storageUrl.Matches(href))
            {
                throw new ApiProblem(StatusCodes.Status422UnprocessableEntity, "PropertyConstraintViolation", $"Element {index} names a storage this host does not know ({storageUrl.Address} is); nothing was linked.", "storageUrl");
            }

            fileIds.Add(new FileId(text));
        }

        return fileIds;
    }
}
