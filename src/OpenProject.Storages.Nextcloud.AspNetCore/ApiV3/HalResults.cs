using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace OpenProject.Storages.Nextcloud.AspNetCore.ApiV3;

/// <summary>HAL+JSON answers and OpenProject's error bodies.</summary>
internal static class HalResults
{
    public const string ContentType = "application/hal+json; charset=utf-8";
    private const string ErrorUrn = "urn:openproject-org:api:v3:errors:";

    private static readonly JsonSerializerOptions Writing = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IResult Json(JsonNode body, int status = StatusCodes.Status200OK) =>
        Results.Content(body.ToJsonString(Writing), ContentType, Encoding.UTF8, status);

    public static IResult Error(int status, string kind, string message, JsonObject? embedded = null)
    {
        var body = new JsonObject { ["_type"] = "Error", ["errorIdentifier"] = ErrorUrn + kind, ["message"] = message };
        if (embedded is not null)
        {
            body["_embedded"] = embedded;
        }

        return Json(body, status);
    }

    public static IResult Error(ApiProblem problem) => Error(
        problem.Status,
        problem.ErrorKind,
        problem.Message,
        problem.Attribute is null ? null : new JsonObject { ["details"] = new JsonObject { ["attribute"] = problem.Attribute } });

    public static JsonObject Collection(string type, IEnumerable<JsonNode> elements, string selfHref, int? pageSize = null, int offset = 1, int? total = null)
    {
        var array = new JsonArray([.. elements]);
        return new JsonObject
        {
            ["_type"] = type,
            ["total"] = total ?? array.Count,
            ["count"] = array.Count,
            ["pageSize"] = pageSize ?? array.Count,
            ["offset"] = offset,
            ["_embedded"] = new JsonObject { ["elements"] = array },
            ["_links"] = new JsonObject { ["self"] = Link(selfHref) },
        };
    }

    public static JsonObject Link(string? href, string? title = null, string? method = null)
    {
        var link = new JsonObject { ["href"] = href };
        if (title is not null)
        {
            link["title"] = title;
        }

        if (method is not null)
        {
            link["method"] = method;
        }

        return link;
    }

    /// <summary>OpenProject's time format: UTC with milliseconds.</summary>
    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>An id as a JSON number when it is one (the app requires numbers), else as text.</summary>
    public static JsonNode Id(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number) : JsonValue.Create(id);
}
