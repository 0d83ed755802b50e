namespace OpenProject.Storages.Nextcloud.AspNetCore.Tests.Fixtures;

/// <summary>The API requests integration_openproject 2.8.1 makes, in the recorded shapes (query encodings, PHP JSON bodies).</summary>
internal static class AppRequests
{
    /// <summary>Nextcloud's <c>overwrite.cli.url</c> in the lab: what the app sends as the storage URL.</summary>
    public const string NextcloudUrl = "http://127.0.0.1:8080";

    /// <summary><c>GET work_packages</c> with filters (a JSON array of the given conditions), optionally with the sidebar's sortBy.</summary>
    public static string WorkPackageQuery(bool sortByUpdated, params string[] filters) =>
        "/api/v3/work_packages?filters=" + Php.UrlEncode("[" + string.Join(',', filters) + "]")
        + (sortByUpdated ? "&sortBy=" + Php.UrlEncode("[[\"updatedAt\",\"desc\"]]") : string.Empty);

    /// <summary>The sidebar's storage filter: the URL urlencoded inside the JSON, so double-encoded on the wire.</summary>
    public static string Linkable(string url = NextcloudUrl) => Php.Filter("linkable_to_storage_url", "=", Php.UrlEncode(url));

    public static string OriginId(long fileId) => Php.Filter("file_link_origin_id", "=", fileId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static string Typeahead(string text) => Php.Filter("typeahead", "**", text);

    public static string Id(long id) => Php.Filter("id", "=", id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The body of <c>POST work_packages/{id}/file_links</c>: origin data as Nextcloud has it, a numeric id, the storage URL.</summary>
    public static string FileLinks(params (long Id, string Name, string MimeType)[] files) => FileLinks(NextcloudUrl, files);

    public static string FileLinks(string storageUrl, params (long Id, string Name, string MimeType)[] files) =>
        "{\"_type\":\"Collection\",\"_embedded\":{\"elements\":["
        + string.Join(',', files.Select(f =>
            $"{{\"originData\":{{\"id\":{f.Id},\"name\":{Php.JsonString(f.Name)},\"mimeType\":{Php.JsonString(f.MimeType)},"
            + "\"createdAt\":\"1970-01-01T00:00:00.000Z\",\"lastModifiedAt\":\"2026-12-05T11:21:25.000Z\",\"createdByName\":\"\",\"lastModifiedByName\":\"\"},"
            + $"\"_links\":{{\"storageUrl\":{{\"href\":{Php.JsonString(storageUrl)}}}}}}}"))
        + "]}}";

    /// <summary><c>available_projects</c> as the create dialog asks: storageUrl and userAction in one filter object, pageSize 100.</summary>
    public static string AvailableProjects(string? typeahead = null) =>
        "/api/v3/work_packages/available_projects?filters=" + Php.UrlEncode(
            "[" + (typeahead is null ? string.Empty : Typeahead(typeahead) + ",")
            + "{\"storageUrl\":{\"operator\":\"=\",\"values\":[" + Php.JsonString(NextcloudUrl) + "]},"
            + "\"userAction\":{\"operator\":\"&=\",\"values\":[\"file_links\\/manage\",\"work_packages\\/create\"]}}]")
        + "&pageSize=100";

    /// <summary>The form and create bodies: links with escaped slashes, an unset assignee as nulls.</summary>
    public static string Draft(long projectId, long typeId, long statusId, string subject, long? assigneeId = null, string? description = null) =>
        "{\"_links\":{\"type\":{\"href\":\"\\/api\\/v3\\/types\\/" + typeId + "\",\"title\":\"T\"},"
        + "\"status\":{\"href\":\"\\/api\\/v3\\/statuses\\/" + statusId + "\",\"title\":\"S\"},"
        + "\"assignee\":" + (assigneeId is { } a ? "{\"href\":\"\\/api\\/v3\\/users\\/" + a + "\",\"title\":\"A\"}" : "{\"href\":null,\"title\":null}") + ","
        + "\"project\":{\"href\":\"\\/api\\/v3\\/projects\\/" + projectId + "\",\"title\":\"P\"}},"
        + "\"subject\":" + Php.JsonString(subject)
        + (description is null ? string.Empty : ",\"description\":{\"format\":\"markdown\",\"raw\":" + Php.JsonString(description) + ",\"html\":\"\"}")
        + "}";

    public static string UnreadNotifications() => "/api/v3/notifications?pageSize=-1&filters=" + Php.UrlEncode("[" + Php.Filter("readIAN", "=", "f") + "]");

    public static string ReadIan(long workPackageId) =>
        "/api/v3/notifications/read_ian?filters=" + Php.UrlEncode("[" + Php.Filter("resourceId", "=", workPackageId.ToString(System.Globalization.CultureInfo.InvariantCulture)) + "]");
}
