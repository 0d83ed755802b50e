using System.Net;
using System.Text;

namespace OpenProject.Storages.EntityFrameworkCore.Tests.Instances;

/// <summary>
/// Nextcloud's OAuth token endpoint as the recordings show it: each refresh token works once and is rotated;
/// a second use of one answers 400 <c>invalid_request</c>. Each refresh takes a little time, as a PHP request does.
/// </summary>
internal sealed class RotatingTokenEndpoint : HttpMessageHandler
{
    private readonly Lock _gate = new();
    private string _current;
    private int _issued;

    public RotatingTokenEndpoint(string refreshToken) => _current = refreshToken;

    /// <summary>How many refresh requests arrived.</summary>
    public int Requests { get; private set; }

    /// <summary>The refresh token Nextcloud would accept now.</summary>
    public string Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var form = await request.Content!.ReadAsStringAsync(cancellationToken);
        var presented = form.Split('&').Select(p => p.Split('=')).Where(p => p[0] == "refresh_token").Select(p => Uri.UnescapeDataString(p[1])).Single();
        await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        string? issued = null;
        lock (_gate)
        {
            Requests++;
            if (presented == _current)
            {
                _issued++;
                _current = $"refresh-{_issued}";
                issued = _current;
            }
        }

        return issued is null
            ? Json(HttpStatusCode.BadRequest, """{"error":"invalid_request"}""")
            : Json(HttpStatusCode.OK, $$"""{"access_token":"access-{{issued}}","token_type":"Bearer","expires_in":3600,"refresh_token":"{{issued}}","user_id":"alice"}""");
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}
