using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;

namespace OpenProject.Storages.Nextcloud.Tests.StandIn;

/// <summary>
/// Nextcloud's PHP sessions, in front of any stand-in, as a real Nextcloud 27.1.10 behaves (see the
/// <c>Set-Cookie</c> headers of the <c>nextcloud-27</c> recordings): every answer sets the session cookie
/// (named after the instance id), <c>oc_sessionPassphrase</c> and the two <c>nc_sameSiteCookie*</c> cookies;
/// a session that was logged in by a request's credentials then answers <b>every</b> request that carries
/// its cookie as its user, whatever that request's <c>Authorization</c> header says (modelled by sending the
/// session's credentials on to the stand-in). With a session, the provisioning API's writes demand a
/// password confirmation. A client that keeps cookies is therefore answered as someone else.
/// </summary>
internal sealed class NextcloudSessions : DelegatingHandler
{
    private readonly ConcurrentDictionary<string, string?> _loginBySession = new(StringComparer.Ordinal);
    private int _requestsWithSession;

    public NextcloudSessions(HttpMessageHandler server, string instanceId = StatefulNextcloud.InstanceId)
        : base(server)
    {
        InstanceId = instanceId;
    }

    /// <summary>The name of the session cookie (<c>oc</c> + the instance id).</summary>
    public string InstanceId { get; }

    /// <summary>How many requests arrived with a session cookie this stand-in had set.</summary>
    public int RequestsWithSession => Volatile.Read(ref _requestsWithSession);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var session = SessionOf(request);
        if (session is not null && _loginBySession.TryGetValue(session, out var login))
        {
            Interlocked.Increment(ref _requestsWithSession);
            if (login is not null)
            {
                request.Headers.Remove("Authorization");
                request.Headers.TryAddWithoutValidation("Authorization", login);
                if (IsProvisioningWrite(request))
                {
                    return PasswordConfirmationRequired(request);
                }
            }
        }
        else
        {
            session = null;
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (session is null)
        {
            // A failed login still starts a session, but not a logged-in one.
            var credentials = request.Headers.TryGetValues("Authorization", out var values) ? values.FirstOrDefault() : null;
            var loggedIn = credentials is not null && response.StatusCode != HttpStatusCode.Unauthorized;
            session = RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 26);
            _loginBySession[session] = loggedIn ? credentials : null;
            SetCookies(response, session);
        }

        return response;
    }

    private string? SessionOf(HttpRequestMessage request)
    {
        if (!request.Headers.TryGetValues("Cookie", out var headers))
        {
            return null;
        }

        foreach (var pair in headers.SelectMany(header => header.Split(';', StringSplitOptions.TrimEntries)))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && pair.AsSpan(0, equals).SequenceEqual(InstanceId))
            {
                return pair[(equals + 1)..];
            }
        }

        return null;
    }

    private void SetCookies(HttpResponseMessage response, string session)
    {
        var passphrase = Uri.EscapeDataString(Convert.ToBase64String(RandomNumberGenerator.GetBytes(96)));
        response.Headers.TryAddWithoutValidation("Set-Cookie", $"{InstanceId}={session}; path=/; HttpOnly; SameSite=Lax");
        response.Headers.TryAddWithoutValidation("Set-Cookie", $"oc_sessionPassphrase={passphrase}; path=/; HttpOnly; SameSite=Lax");
        response.Headers.TryAddWithoutValidation("Set-Cookie", "nc_sameSiteCookielax=true; path=/; httponly;expires=Fri, 31-Dec-2100 23:59:59 GMT; SameSite=lax");
        response.Headers.TryAddWithoutValidation("Set-Cookie", "nc_sameSiteCookiestrict=true; path=/; httponly;expires=Fri, 31-Dec-2100 23:59:59 GMT; SameSite=strict");
    }

    private static bool IsProvisioningWrite(HttpRequestMessage request) =>
        request.Method != HttpMethod.Get
        && request.RequestUri!.AbsolutePath.Contains("/ocs/v1.php/cloud/", StringComparison.Ordinal);

    private static HttpResponseMessage PasswordConfirmationRequired(HttpRequestMessage request) => new(HttpStatusCode.Forbidden)
    {
        RequestMessage = request,
        Content = new StringContent(
            """{"ocs":{"meta":{"status":"failure","statuscode":403,"message":"Password confirmation is required","totalitems":"","itemsperpage":""},"data":[]}}""",
            System.Text.Encoding.UTF8,
            "application/json"),
    };
}
