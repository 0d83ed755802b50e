using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OpenProject.Storages.Benchmarks.Loopback;

namespace OpenProject.Storages.Benchmarks.Nextcloud;

/// <summary>
/// A loopback Kestrel server answering just what an upload and a download of one file need, in
/// Nextcloud's shapes: PUT (single and chunked upload v2: MKCOL, numbered chunks, MOVE of
/// <c>.file</c>, DELETE), PROPFIND depth 0 of the file, OCS <c>fileinfo</c>, GET of the file; and
/// <c>/plain</c> for the baseline copy, OCS <c>filesinfo</c>. Uploaded bytes are counted and dropped; downloads are generated.
/// A cost model (all zero by default) makes it take time like Nextcloud on PHP: <see cref="PerRequestCost"/> for
/// every request, <see cref="WriteCostPerMiB"/> for every byte stored (a PUT's, a chunk's, and again the whole file
/// at the assembly MOVE: chunked upload writes twice), one write at a time like one disk, and
/// <see cref="FilesInfoRequestCost"/> + <see cref="FilesInfoIdCost"/> × ids for <c>fileinfo</c>/<c>filesinfo</c>,
/// with at most <see cref="Workers"/> requests served at once like a pool of PHP workers.
/// </summary>
internal sealed class LoopbackNextcloud : IAsyncDisposable
{
    public const string FileId = "4711";
    public const string User = "OpenProject";

    private const double MiB = 1024 * 1024;
    private WebApplication _app = null!;
    private readonly SemaphoreSlim _disk = new(1, 1);
    private readonly RequestCosts _costs = new();
    private long _stored;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>How many bytes a GET serves (and <c>fileinfo</c> reports).</summary>
    public long DownloadSize { get; set; }

    /// <summary>How many bytes the last completed upload held.</summary>
    public long LastUploadSize { get; private set; }

    /// <summary>What every request costs before it is answered (PHP start-up, authentication, routing).</summary>
    public TimeSpan PerRequestCost
    {
        get => _costs.PerRequest;
        set => _costs.PerRequest = value;
    }

    /// <summary>What storing one MiB costs (written once by a PUT or a chunk, once more at the assembly).</summary>
    public TimeSpan WriteCostPerMiB { get; set; }

    /// <summary>What one <c>fileinfo</c>/<c>filesinfo</c> request costs, on top of <see cref="FilesInfoIdCost"/> per id.</summary>
    public TimeSpan FilesInfoRequestCost { get; set; }

    /// <summary>What each id of a <c>fileinfo</c>/<c>filesinfo</c> request costs.</summary>
    public TimeSpan FilesInfoIdCost { get; set; }

    /// <summary>How many requests are served at once (0: no limit); the rest wait for a worker.</summary>
    public int Workers
    {
        get => _costs.Workers;
        set => _costs.Workers = value;
    }

    public static async Task<LoopbackNextcloud> StartAsync()
    {
        var server = new LoopbackNextcloud();
        (server._app, server.BaseAddress) = await LoopbackKestrel.StartAsync(server.HandleAsync);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _disk.Dispose();
        _costs.Dispose();
    }

    private Task HandleAsync(HttpContext context) => _costs.ServeAsync(() => AnswerAsync(context));

    /// <summary>Holds the one "disk" for as long as writing this many bytes takes under the model.</summary>
    private async Task WriteAsync(long bytes)
    {
        if (WriteCostPerMiB <= TimeSpan.Zero || bytes == 0)
        {
            return;
        }

        await _disk.WaitAsync();
        try
        {
            await Task.Delay(WriteCostPerMiB * (bytes / MiB));
        }
        finally
        {
            _disk.Release();
        }
    }

    private Task FilesInfoCostAsync(int ids) => RequestCosts.PayAsync(FilesInfoRequestCost + (FilesInfoIdCost * ids));

    private async Task AnswerAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var path = request.Path.Value ?? string.Empty;
        switch (request.Method)
        {
            case "PUT":
                var received = await DrainAsync(request.Body);
                await WriteAsync(received);
                if (path.StartsWith("/remote.php/dav/uploads/", StringComparison.Ordinal))
                {
                    Interlocked.Add(ref _stored, received);
                }
                else
                {
                    LastUploadSize = received;
                }

                response.StatusCode = 201;
                response.Headers["OC-FileId"] = FileId.PadLeft(8, '0') + "ockcsp661qa4";
                break;
            case "MKCOL":
                Interlocked.Exchange(ref _stored, 0);
                response.StatusCode = 201;
                break;
            case "MOVE":
                LastUploadSize = Interlocked.Exchange(ref _stored, 0);
                await WriteAsync(LastUploadSize);
                response.StatusCode = 201;
                response.Headers["OC-FileId"] = FileId.PadLeft(8, '0') + "ockcsp661qa4";
                break;
            case "DELETE":
                response.StatusCode = 204;
                break;
            case "PROPFIND":
                await DrainAsync(request.Body);
                response.StatusCode = 207;
                response.ContentType = "application/xml; charset=utf-8";
                await response.WriteAsync(MultiStatus(path, LastUploadSize));
                break;
            case "POST" when path.EndsWith("/apps/integration_openproject/filesinfo", StringComparison.Ordinal):
                using (var reader = new StreamReader(request.Body))
                {
                    var body = await reader.ReadToEndAsync();
                    await FilesInfoCostAsync(body.Count(c => c == ',') + 1);
                    var answer = FilesInfoAnswer.For(body);
                    response.ContentType = "application/json; charset=utf-8";
                    await response.Body.WriteAsync(answer);
                }

                break;
            case "GET" when path.StartsWith("/ocs/v1.php/apps/integration_openproject/fileinfo/", StringComparison.Ordinal):
                await FilesInfoCostAsync(1);
                response.ContentType = "application/json; charset=utf-8";
                await response.WriteAsync(FileInfo(DownloadSize));
                break;
            case "GET":
                response.ContentType = "application/octet-stream";
                response.ContentLength = DownloadSize;
                for (var sent = 0L; sent < DownloadSize;)
                {
                    var count = (int)Math.Min(GeneratedStream.Block.Length, DownloadSize - sent);
                    await response.Body.WriteAsync(GeneratedStream.Block.AsMemory(0, count));
                    sent += count;
                }

                break;
            default:
                response.StatusCode = 405;
                break;
        }
    }

    private static async Task<long> DrainAsync(Stream body)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                total += read;
            }

            return total;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string MultiStatus(string path, long size) =>
        new StringBuilder("<?xml version=\"1.0\"?>\n<d:multistatus xmlns:d=\"DAV:\" xmlns:s=\"http://sabredav.org/ns\" xmlns:oc=\"http://owncloud.org/ns\" xmlns:nc=\"http://nextcloud.org/ns\">")
            .Append("<d:response><d:href>").Append(path).Append("</d:href><d:propstat><d:prop>")
            .Append("<d:getlastmodified>Sun, 29 Nov 2026 01:31:34 GMT</d:getlastmodified><d:getcontenttype>application/octet-stream</d:getcontenttype><d:resourcetype/>")
            .Append("<oc:fileid>").Append(FileId).Append("</oc:fileid><oc:permissions>RGDNVW</oc:permissions><oc:size>").Append(size.ToString(CultureInfo.InvariantCulture))
            .Append("</oc:size><oc:owner-display-name>OpenProject</oc:owner-display-name></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>")
            .ToString();

    private static string FileInfo(long size) =>
        "{\"ocs\":{\"meta\":{\"status\":\"ok\",\"statuscode\":100,\"message\":\"OK\",\"totalitems\":\"\",\"itemsperpage\":\"\"},\"data\":{\"status\":\"OK\",\"statuscode\":200,\"id\":"
        + FileId + ",\"name\":\"big.bin\",\"mtime\":1795915899,\"ctime\":0,\"mimetype\":\"application\\/octet-stream\",\"size\":" + size.ToString(CultureInfo.InvariantCulture)
        + ",\"owner_name\":\"OpenProject\",\"owner_id\":\"OpenProject\",\"modifier_name\":null,\"modifier_id\":null,\"dav_permissions\":\"RGDNVW\",\"path\":\"files\\/big.bin\"}}}";
}
