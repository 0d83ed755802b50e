using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpenProject.Storages.Nextcloud.Tests.Hostile;

/// <summary>How the hostile server spoils every answer after its headers.</summary>
public enum Attack
{
    /// <summary>Headers at once, then the body one byte a second, for ever.</summary>
    Drip,

    /// <summary>A Content-Length longer than what is sent; the connection is then held open.</summary>
    LyingLength,

    /// <summary>A well-formed body far larger than the configured limit (a huge file name).</summary>
    Oversized,

    /// <summary>A small gzip body that inflates far past the configured limit.</summary>
    GzipBomb,

    /// <summary>The request is read to its end, then no answer at all, not even headers: a hung PHP worker.</summary>
    Stall,
}

/// <summary>
/// A Nextcloud on loopback (Kestrel) that answers every request in the shape Nextcloud would (207 XML for
/// PROPFIND, JSON for OCS and the apps, a Sabre error for other WebDAV methods, a token answer for the OAuth
/// endpoint) and spoils the body with <see cref="Attack"/>.
/// </summary>
public sealed class HostileServer : IAsyncDisposable
{
    /// <summary>How many bytes the oversized and inflated bodies hold: far past any limit a test sets.</summary>
    public const int HugeBytes = 64 * 1024 * 1024;

    private static readonly Lazy<byte[]> JsonBomb = new(() => Gzip(JsonPrefix, HugeBytes));
    private static readonly Lazy<byte[]> XmlBomb = new(() => Gzip(XmlPrefix, HugeBytes));

    private const string JsonPrefix = "{\"ocs\":{\"meta\":{\"status\":\"ok\",\"statuscode\":200,\"message\":\"OK\"},\"data\":{\"id\":1,\"name\":\"";
    private const string XmlPrefix = "<?xml version=\"1.0\"?><d:multistatus xmlns:d=\"DAV:\" xmlns:oc=\"http://owncloud.org/ns\"><d:response><d:href>/remote.php/dav/files/alice/</d:href><d:propstat><d:prop><d:displayname>";

    private readonly WebApplication _app;

    private HostileServer(WebApplication app, Attack attack, string? onlyMethod)
    {
        _app = app;
        Attack = attack;
        _onlyMethod = onlyMethod;
    }

    private readonly string? _onlyMethod;

    public Attack Attack { get; }

    public Uri BaseAddress { get; private set; } = null!;

    /// <param name="attack">How every answer is spoiled.</param>
    /// <param name="onlyMethod">When set, only requests with this method are attacked; the others are answered
    /// <c>201 Created</c> with no body at once (enough for MKCOL, so that an upload reaches its PUT).</param>
    public static async Task<HostileServer> StartAsync(Attack attack, string? onlyMethod = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(System.Net.IPAddress.Loopback, 0);
            kestrel.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var server = new HostileServer(app, attack, onlyMethod);
        app.Run(server.AnswerAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await _app.StopAsync(stop.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var request = context.Request;
        if (_onlyMethod is not null && request.Method != _onlyMethod)
        {
            context.Response.StatusCode = StatusCodes.Status201Created;
            return;
        }

        var path = request.Path.Value ?? string.Empty;
        var xml = request.Method == "PROPFIND" || (path.Contains("/remote.php/dav/", StringComparison.Ordinal) && request.Method != "GET");
        var response = context.Response;
        if (xml)
        {
            // A 207 for PROPFIND; any other WebDAV method gets a Sabre error whose body the client reads for detail.
            response.StatusCode = request.Method == "PROPFIND" ? 207 : 423;
            response.ContentType = "application/xml; charset=utf-8";
        }
        else
        {
            response.StatusCode = 200;
            response.ContentType = "application/json; charset=utf-8";
        }

        var prefix = Encoding.UTF8.GetBytes(xml ? XmlPrefix : JsonPrefix);
        var aborted = context.RequestAborted;
        try
        {
            switch (Attack)
            {
                case Attack.Stall:
                    await request.Body.CopyToAsync(Stream.Null, aborted).ConfigureAwait(false);
                    await Task.Delay(Timeout.InfiniteTimeSpan, aborted).ConfigureAwait(false);
                    break;

                case Attack.Drip:
                    await response.StartAsync(aborted).ConfigureAwait(false);
                    foreach (var b in prefix)
                    {
                        await response.Body.WriteAsync(new[] { b }, aborted).ConfigureAwait(false);
                        await response.Body.FlushAsync(aborted).ConfigureAwait(false);
                        await Task.Delay(TimeSpan.FromSeconds(1), aborted).ConfigureAwait(false);
                    }

                    await Task.Delay(Timeout.InfiniteTimeSpan, aborted).ConfigureAwait(false);
                    break;

                case Attack.LyingLength:
                    response.ContentLength = prefix.Length + 1_000_000;
                    await response.Body.WriteAsync(prefix, aborted).ConfigureAwait(false);
                    await response.Body.FlushAsync(aborted).ConfigureAwait(false);
                    await Task.Delay(Timeout.InfiniteTimeSpan, aborted).ConfigureAwait(false);
                    break;

                case Attack.Oversized:
                    await response.Body.WriteAsync(prefix, aborted).ConfigureAwait(false);
                    var chunk = new byte[64 * 1024];
                    chunk.AsSpan().Fill((byte)'a');
                    for (var sent = 0; sent < HugeBytes; sent += chunk.Length)
                    {
                        await response.Body.WriteAsync(chunk, aborted).ConfigureAwait(false);
                    }

                    break;

                case Attack.GzipBomb:
                    response.Headers.ContentEncoding = "gzip";
                    var bomb = xml ? XmlBomb.Value : JsonBomb.Value;
                    response.ContentLength = bomb.Length;
                    await response.Body.WriteAsync(bomb, aborted).ConfigureAwait(false);
                    break;
            }
        }
        catch (OperationCanceledException)
        {
            // The client gave up: what the attack is for.
        }
        catch (IOException)
        {
            // The client closed the connection mid-body.
        }
    }

    private static byte[] Gzip(string prefix, int filler)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(prefix));
            var chunk = new byte[64 * 1024];
            chunk.AsSpan().Fill((byte)'a');
            for (var written = 0; written < filler; written += chunk.Length)
            {
                gzip.Write(chunk);
            }
        }

        return output.ToArray();
    }
}
