using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OpenProject.Storages.Benchmarks.Loopback;

namespace OpenProject.Storages.Benchmarks.OneDrive;

/// <summary>
/// A loopback Kestrel server answering what the Files tab asks Microsoft Graph, in the recorded shapes: <c>GET
/// /v1.0/drives/{d}/items/{id}</c> and <c>POST /v1.0/$batch</c> of such GETs (every item found, a file in
/// <c>/Projects</c>). The cost model is the one the Nextcloud server uses (<see cref="RequestCosts"/>: a cost per
/// HTTP request, optionally a bounded number served at once) plus <see cref="BatchItemCost"/> for each request
/// inside a <c>$batch</c>.
/// </summary>
internal sealed class LoopbackGraph : IAsyncDisposable
{
    public const string DriveId = "b!dmVLG22QlE2PSW0AqVB7UOhZ8n7tjkVGkgqLNnuw2OBb-brzKzZAR4DYT1k9KPXs";

    private WebApplication _app = null!;

    /// <summary>The Graph base address (<c>http://127.0.0.1:{port}/v1.0/</c>).</summary>
    public Uri GraphBaseAddress { get; private set; } = null!;

    public RequestCosts Costs { get; } = new();

    /// <summary>What each request inside a <c>$batch</c> adds to the batch's cost.</summary>
    public TimeSpan BatchItemCost { get; set; }

    private int _requests;

    /// <summary>HTTP requests served so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public static async Task<LoopbackGraph> StartAsync()
    {
        var server = new LoopbackGraph();
        (server._app, var address) = await LoopbackKestrel.StartAsync(context => server.Costs.ServeAsync(() => server.AnswerAsync(context)));
        server.GraphBaseAddress = new Uri(address, "v1.0/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Costs.Dispose();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        var request = context.Request;
        var response = context.Response;
        response.ContentType = "application/json";
        if (request.Method == "POST" && request.Path == "/v1.0/$batch")
        {
            using var document = await JsonDocument.ParseAsync(request.Body);
            var items = document.RootElement.GetProperty("requests").EnumerateArray().ToList();
            await RequestCosts.PayAsync(BatchItemCost * items.Count);
            var body = new StringBuilder("{\"responses\":[");
            foreach (var item in items)
            {
                var url = item.GetProperty("url").GetString()!;
                var id = url[(url.IndexOf("/items/", StringComparison.Ordinal) + "/items/".Length)..].Split('?')[0];
                body.Append("{\"id\":\"").Append(item.GetProperty("id").GetString()).Append("\",\"status\":200,\"headers\":{\"Content-Type\":\"application/json\"},\"body\":")
                    .Append(ItemJson(Uri.UnescapeDataString(id))).Append("},");
            }

            body.Length--;
            body.Append("]}");
            await response.WriteAsync(body.ToString());
            return;
        }

        var marker = request.Path.Value!.IndexOf("/items/", StringComparison.Ordinal);
        if (request.Method == "GET" && marker > 0)
        {
            await response.WriteAsync(ItemJson(Uri.UnescapeDataString(request.Path.Value[(marker + "/items/".Length)..])));
            return;
        }

        response.StatusCode = 404;
        await response.WriteAsync("""{"error":{"code":"itemNotFound","message":"Item not found"}}""");
    }

    // The fields of $select, as recorded for a file in a SharePoint document library.
    private static string ItemJson(string id) =>
        $$$"""{"id":"{{{id}}}","name":"file {{{id}}}.txt","size":1024,"webUrl":"https://finn.sharepoint.com/sites/openprojectfilestoragetests/Shared%20Documents/Projects/file%20{{{id}}}.txt","createdBy":{"user":{"displayName":"Eric Schubert"}},"lastModifiedBy":{"user":{"displayName":"Eric Schubert"}},"fileSystemInfo":{"createdDateTime":"2024-02-01T09:30:00Z","lastModifiedDateTime":"2024-02-01T09:30:00Z"},"parentReference":{"driveType":"documentLibrary","driveId":"{{{DriveId}}}","id":"01AZJL5PN6Y2GOVW7725BZO354PWSELRRZ","path":"/drives/{{{DriveId}}}/root:/Projects"},"file":{"mimeType":"text/plain"}}""";
}
