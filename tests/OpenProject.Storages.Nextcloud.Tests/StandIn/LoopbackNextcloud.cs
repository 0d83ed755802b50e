using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpenProject.Storages.Nextcloud.Tests.StandIn;

/// <summary>
/// Serves an in-process stand-in over real HTTP on loopback (Kestrel), so that the provider's own primary
/// handlers (connection pool, cookies, decompression, redirects) sit between it and the stand-in, as they
/// sit between it and a real Nextcloud. Each request is handed to <see cref="Server"/> as an
/// <see cref="HttpRequestMessage"/> and its answer copied back, headers (every <c>Set-Cookie</c>) included.
/// </summary>
internal sealed class LoopbackNextcloud : IAsyncDisposable
{
    private readonly WebApplication _app;
    private HttpMessageInvoker? _server;

    private LoopbackNextcloud(WebApplication app, Uri root)
    {
        _app = app;
        Root = root;
    }

    /// <summary>The server's root, <c>http://127.0.0.1:port/</c>.</summary>
    public Uri Root { get; }

    /// <summary>What answers; set it once the stand-in, which must know <see cref="Root"/>, is built.</summary>
    public HttpMessageHandler Server
    {
        set => _server = new HttpMessageInvoker(value, disposeHandler: false);
    }

    public static async Task<LoopbackNextcloud> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        LoopbackNextcloud? self = null;
        app.Run(context => self!.ForwardAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new LoopbackNextcloud(app, new Uri(address.TrimEnd('/') + "/"));
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _server?.Dispose();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(Root, target));
        var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        if (body.Length > 0 || context.Request.ContentLength is not null || context.Request.ContentType is not null)
        {
            request.Content = new ByteArrayContent(body.ToArray());
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        if (request.Content is not null && context.Request.ContentLength is null)
        {
            // As received: no Content-Length computed for a body that came with Transfer-Encoding: chunked.
            request.Content.Headers.ContentLength = null;
        }

        using var response = await _server!.SendAsync(request, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!string.Equals(name, "Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers.Append(name, values.ToArray());
            }
        }

        if (context.Request.Method != "HEAD" && response.StatusCode != HttpStatusCode.NoContent && response.StatusCode != HttpStatusCode.NotModified)
        {
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
    }
}
