namespace OpenProject.Storages.Nextcloud.Tests.StandIn;

/// <summary>One Nextcloud made of several stand-ins: the first route whose path prefix matches answers, else the fallback.</summary>
internal sealed class StandInRouter(Uri baseAddress, HttpMessageHandler fallback) : HttpMessageHandler
{
    private readonly List<(string Prefix, HttpMessageInvoker Server)> _routes = [];
    private readonly HttpMessageInvoker _fallback = new(fallback, disposeHandler: false);

    /// <summary>Requests whose path below the base address starts with <paramref name="prefix"/> go to <paramref name="server"/>.</summary>
    public StandInRouter Route(string prefix, HttpMessageHandler server)
    {
        _routes.Add((prefix, new HttpMessageInvoker(server, disposeHandler: false)));
        return this;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = "/" + request.RequestUri!.GetComponents(UriComponents.Path, UriFormat.UriEscaped);
        var relative = path.StartsWith(baseAddress.AbsolutePath, StringComparison.Ordinal) ? path[baseAddress.AbsolutePath.Length..] : path;
        var server = _routes.FirstOrDefault(route => relative.StartsWith(route.Prefix, StringComparison.Ordinal)).Server ?? _fallback;
        return server.SendAsync(request, cancellationToken);
    }
}
