using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;

namespace OpenProject.Storages.Nextcloud.AspNetCore.ApiV3;

/// <summary>Reads what a request carries: a bounded JSON body, paging, numeric ids.</summary>
internal static class ApiRequest
{
    /// <summary>Reads the body as JSON, refusing one larger than <paramref name="maxBytes"/> before it is all read.</summary>
    /// <exception cref="ApiProblem">413 for a body too large, 400 <c>InvalidRequestBody</c> for one that is not JSON.</exception>
    public static async Task<JsonDocument> ReadJsonAsync(HttpContext http, long maxBytes, CancellationToken cancellationToken)
    {
        if (http.Request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        var buffer = new ArrayBufferWriter<byte>(4096);
        try
        {
            while (true)
            {
                var read = await http.Request.Body.ReadAsync(buffer.GetMemory(16 * 1024), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                buffer.Advance(read);
                if (buffer.WrittenCount > maxBytes)
                {
                    throw TooLarge(maxBytes);
                }
            }
        }
        catch (BadHttpRequestException error) when (error.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(maxBytes);
        }

        try
        {
            return JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            throw ApiProblem.InvalidBody("The request body is not valid JSON.");
        }
    }

    /// <summary>A route id that must be a positive number.</summary>
    /// <exception cref="ApiProblem">400 <c>InvalidQuery</c>.</exception>
    public static long Id(string value, string what) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw ApiProblem.InvalidQuery($"The {what} id must be a positive number.");

    /// <summary><c>pageSize</c> (<c>-1</c>: all, up to the maximum) and the 1-based page <c>offset</c>.</summary>
    /// <exception cref="ApiProblem">400 <c>InvalidQuery</c> for values that are not numbers.</exception>
    public static (int PageSize, int Offset) Paging(HttpContext http, NextcloudIntegrationOptions options, int? defaultSize = null)
    {
        var size = defaultSize ?? options.DefaultPageSize;
        if (http.Request.Query["pageSize"].ToString() is { Length: > 0 } rawSize)
        {
            size = int.TryParse(rawSize, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) && parsed >= -1
                ? (parsed == -1 ? options.MaxPageSize : parsed)
                : throw ApiProblem.InvalidQuery("pageSize must be a number (-1 for all).");
        }

        var offset = 1;
        if (http.Request.Query["offset"].ToString() is { Length: > 0 } rawOffset)
        {
            offset = int.TryParse(rawOffset, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= 1
                ? parsed
                : throw ApiProblem.InvalidQuery("offset must be a page number from 1.");
        }

        return (Math.Min(size, options.MaxPageSize), offset);
    }

    private static ApiProblem TooLarge(long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, "InvalidRequestBody", $"The request body is larger than {maxBytes:N0} bytes; nothing was done.");
}
