using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace OpenProject.Storages.Nextcloud.Tests.StandIn;

/// <summary>
/// An in-process HTTP stand-in for Nextcloud: each test scripts the answers (in the recorded shapes) by
/// method and path below the base address; every request is recorded with its headers and body.
/// Unscripted requests get 501 so a test fails loudly.
/// </summary>
internal sealed class ScriptedNextcloud : HttpMessageHandler
{
    private readonly List<(string Method, Func<string, bool> Path, Func<RecordedRequest, HttpResponseMessage> Respond)> _routes = [];

    public ScriptedNextcloud(Uri baseAddress) => BaseAddress = baseAddress;

    public Uri BaseAddress { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public IReadOnlyList<RecordedRequest> RequestList => [.. Requests];

    public ScriptedNextcloud On(string method, string path, Func<RecordedRequest, HttpResponseMessage> respond)
    {
        _routes.Add((method, p => string.Equals(p, path, StringComparison.Ordinal), respond));
        return this;
    }

    public ScriptedNextcloud On(string method, Func<string, bool> path, Func<RecordedRequest, HttpResponseMessage> respond)
    {
        _routes.Add((method, path, respond));
        return this;
    }

    public ScriptedNextcloud On(string method, string path, HttpStatusCode status, string? body = null, string contentType = "application/xml; charset=utf-8") =>
        On(method, path, _ => Respond(status, body, contentType));

    public Func<RecordedRequest, Exception?>? Fault { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Key] = string.Join(", ", header.Value);
        }

        if (request.Content is not null)
        {
            foreach (var header in request.Content.Headers)
            {
                headers[header.Key] = string.Join(", ", header.Value);
            }
        }

        var uri = request.RequestUri!;
        var basePath = BaseAddress.AbsolutePath;
        var raw = uri.GetComponents(UriComponents.Path, UriFormat.UriEscaped);
        var relative = ("/" + raw).StartsWith(basePath, StringComparison.Ordinal) ? ("/" + raw)[basePath.Length..] : raw;
        var recorded = new RecordedRequest(request.Method.Method, uri, headers, body) { RelativePath = relative.TrimEnd('/') };
        Requests.Enqueue(recorded);
        if (Fault?.Invoke(recorded) is { } fault)
        {
            throw fault;
        }

        foreach (var (method, path, respond) in _routes)
        {
            if (string.Equals(method, recorded.Method, StringComparison.OrdinalIgnoreCase) && path(recorded.RelativePath))
            {
                var response = respond(recorded);
                response.RequestMessage = request;
                return response;
            }
        }

        return Respond(HttpStatusCode.NotImplemented, $"no scripted answer for {recorded.Method} {recorded.RelativePath}", "text/plain");
    }

    public static HttpResponseMessage Respond(HttpStatusCode status, string? body = null, string contentType = "application/xml; charset=utf-8", params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status);
        if (body is not null)
        {
            response.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            response.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        foreach (var (name, value) in headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                response.Content ??= new ByteArrayContent([]);
                response.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string body) => Respond(status, body, "application/json; charset=utf-8");
}
