using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace OpenProject.Storages.Nextcloud.Accounts.Tests.Fakes;

/// <summary>What the next token request should suffer instead of a normal answer.</summary>
public enum TokenFault
{
    NetworkError,
    Redirect,
    ServerError,
    Timeout,
    HtmlPage,
    InvalidGrant,
    InvalidClient,
}

/// <summary>
/// An in-process Nextcloud with the oauth2 app, behaving like the recorded Nextcloud 27 (and the newer
/// PKCE checks): codes valid ten minutes and single-use, refresh tokens rotating and single-use, the old
/// access token dying with its refresh token, errors as HTTP 400 <c>{"error":...}</c>.
/// </summary>
public sealed class FakeNextcloudServer : HttpMessageHandler
{
    public static readonly Uri Base = new("https://cloud.example.com/nextcloud/");
    public const string ClientId = "qFUq9l5CygcaYTRiQs2G9DxET9CzQ1nRt90di5j9fSMeOBkuHu484w1kDepbuG3R";
    public const string ClientSecret = "vrdNCETuYYvQTPKIFqNOG2CXLlchxASKSl36tPYttl0Y3E5Qb0uuGQy1Lf5W3YTS";
    public static readonly Uri RedirectUri = new("https://openproject.example.com/oauth_clients/nc/callback");

    private readonly object _gate = new();
    private readonly Dictionary<string, CodeGrant> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Session> _byRefresh = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Session> _byAccess = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<TokenFault> _faults = new();
    private readonly TimeProvider _time;
    private int _refreshRequests;
    private int _codeExchanges;
    private int _userLookups;

    public FakeNextcloudServer(TimeProvider time) => _time = time;

    /// <summary>Every value the server ever issued or received as a secret (codes, tokens), to check that none leaks.</summary>
    public ConcurrentBag<string> Secrets { get; } = [];

    /// <summary>Authorization headers of requests that reached anything but <see cref="Base"/> (another host, port, scheme or app).</summary>
    public ConcurrentBag<string?> ForeignAuthorizationHeaders { get; } = [];

    /// <summary>Authorization headers of the WebDAV requests.</summary>
    public ConcurrentBag<string?> DavAuthorizationHeaders { get; } = [];

    public ConcurrentBag<string> DavBodies { get; } = [];

    public int RefreshRequests => Volatile.Read(ref _refreshRequests);

    public int CodeExchanges => Volatile.Read(ref _codeExchanges);

    public int UserLookups => Volatile.Read(ref _userLookups);

    /// <summary>Answer the token request without <c>user_id</c> (older servers).</summary>
    public bool OmitUserId { get; set; }

    /// <summary>Nextcloud answers an unknown OAuth client with an HTML page and HTTP 200.</summary>
    public bool UnknownClientAnswersHtml { get; set; }

    /// <summary>How long the token endpoint takes (real time), to widen races.</summary>
    public TimeSpan TokenLatency { get; set; }

    /// <summary>Held closed, the token endpoint waits until it is opened.</summary>
    public TaskCompletionSource? TokenEndpointGate { get; set; }

    public string ExpectedSecret { get; set; } = ClientSecret;

    public void FailNextTokenRequest(TokenFault fault) => _faults.Enqueue(fault);

    /// <summary>The user approves the authorize request in the browser; returns the URL Nextcloud redirects to.</summary>
    public Uri Approve(Uri authorizeUri, string nextcloudUser)
    {
        var query = ParseQuery(authorizeUri.Query);
        if (authorizeUri.Host != Base.Host || authorizeUri.AbsolutePath != Base.AbsolutePath + "index.php/apps/oauth2/authorize")
        {
            throw new InvalidOperationException("Not the authorize endpoint.");
        }

        if (query.GetValueOrDefault("client_id") != ClientId)
        {
            throw new InvalidOperationException("Your client is not authorized to connect.");
        }

        var state = query["state"];
        if (query.GetValueOrDefault("response_type") != "code")
        {
            return new Uri($"{RedirectUri}?error=unsupported_response_type&state={Uri.EscapeDataString(state)}");
        }

        var challenge = query.GetValueOrDefault("code_challenge");
        if (challenge is not null && query.GetValueOrDefault("code_challenge_method") != "S256")
        {
            return new Uri($"{RedirectUri}?error=invalid_request&state={Uri.EscapeDataString(state)}");
        }

        var code = Random(128);
        lock (_gate)
        {
            _codes[code] = new CodeGrant(nextcloudUser, challenge, _time.GetUtcNow());
        }

        Secrets.Add(code);
        Secrets.Add(state);

        // Nextcloud redirects to the registered URI, ignoring redirect_uri.
        return new Uri($"{RedirectUri}?state={Uri.EscapeDataString(state)}&code={code}");
    }

    /// <summary>Creates a session directly, as if the user had connected earlier.</summary>
    public StorageToken IssueSession(string nextcloudUser)
    {
        lock (_gate)
        {
            var session = NewSession(nextcloudUser);
            return new StorageToken { AccessToken = session.Access, RefreshToken = session.Refresh, ExpiresAt = session.ExpiresAt, StorageUserId = nextcloudUser };
        }
    }

    /// <summary>Refreshes directly, as another app instance would.</summary>
    public StorageToken? RefreshDirectly(string refreshToken)
    {
        lock (_gate)
        {
            if (!_byRefresh.Remove(refreshToken, out var old))
            {
                return null;
            }

            _byAccess.Remove(old.Access);
            var session = NewSession(old.User);
            return new StorageToken { AccessToken = session.Access, RefreshToken = session.Refresh, ExpiresAt = session.ExpiresAt, StorageUserId = old.User };
        }
    }

    public bool IsValidAccessToken(string accessToken)
    {
        lock (_gate)
        {
            return _byAccess.TryGetValue(accessToken, out var session) && _time.GetUtcNow() < session.ExpiresAt;
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        if (uri.Host != Base.Host || uri.Port != Base.Port || uri.Scheme != Base.Scheme || !uri.AbsolutePath.StartsWith(Base.AbsolutePath, StringComparison.Ordinal))
        {
            ForeignAuthorizationHeaders.Add(request.Headers.Authorization?.ToString());
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("stolen") };
        }

        var path = uri.AbsolutePath;
        if (path == Base.AbsolutePath + "index.php/apps/oauth2/api/v1/token" && request.Method == HttpMethod.Post)
        {
            return await TokenAsync(request, cancellationToken);
        }

        if (path == Base.AbsolutePath + "ocs/v1.php/cloud/user")
        {
            Interlocked.Increment(ref _userLookups);
            var user = BearerUser(request);
            return user is null
                ? Json(HttpStatusCode.Unauthorized, """{"ocs":{"meta":{"status":"failure","statuscode":997,"message":"Current user is not logged in","totalitems":"","itemsperpage":""},"data":[]}}""")
                : Json(HttpStatusCode.OK, """{"ocs":{"meta":{"status":"ok","statuscode":100,"message":"OK","totalitems":"","itemsperpage":""},"data":{"id":""" + JsonSerializer.Serialize(user) + ""","displayname":"Alice Example"}}}""");
        }

        if (path.StartsWith(Base.AbsolutePath + "remote.php/dav/", StringComparison.Ordinal))
        {
            DavAuthorizationHeaders.Add(request.Headers.Authorization?.ToString());
            if (request.Content is not null)
            {
                DavBodies.Add(await request.Content.ReadAsStringAsync(cancellationToken));
            }

            var authorized = BearerUser(request) is not null || request.Headers.Authorization?.Scheme == "Basic";
            return authorized
                ? new HttpResponseMessage((HttpStatusCode)207) { Content = new StringContent("<d:multistatus xmlns:d=\"DAV:\"/>", Encoding.UTF8, "application/xml") }
                : new HttpResponseMessage(HttpStatusCode.Unauthorized)
                {
                    Content = new StringContent("""<?xml version="1.0" encoding="utf-8"?><d:error xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns"><s:exception>Sabre\DAV\Exception\NotAuthenticated</s:exception><s:message>Bearer token was incorrect</s:message></d:error>""", Encoding.UTF8, "application/xml"),
                };
        }

        return new HttpResponseMessage(HttpStatusCode.NotFound);
    }

    private async Task<HttpResponseMessage> TokenAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var form = ParseQuery(await request.Content!.ReadAsStringAsync(cancellationToken));
        var grantType = form.GetValueOrDefault("grant_type");
        if (grantType == "refresh_token")
        {
            Interlocked.Increment(ref _refreshRequests);
        }
        else
        {
            Interlocked.Increment(ref _codeExchanges);
        }

        if (TokenEndpointGate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (TokenLatency > TimeSpan.Zero)
        {
            await Task.Delay(TokenLatency, cancellationToken);
        }

        if (_faults.TryDequeue(out var fault))
        {
            switch (fault)
            {
                case TokenFault.NetworkError: throw new HttpRequestException("Connection refused (cloud.example.com:443)");
                case TokenFault.Timeout: throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.", new TimeoutException());
                case TokenFault.ServerError: return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("<html>Service unavailable</html>", Encoding.UTF8, "text/html") };
                case TokenFault.HtmlPage: return UnknownClientPage();
                case TokenFault.Redirect: return new HttpResponseMessage(HttpStatusCode.TemporaryRedirect) { Headers = { Location = new Uri("https://elsewhere.example.com/token") } };
                case TokenFault.InvalidGrant: return Error("invalid_grant");
                case TokenFault.InvalidClient: return Error("invalid_client");
            }
        }

        if (form.GetValueOrDefault("client_id") != ClientId)
        {
            return UnknownClientAnswersHtml ? UnknownClientPage() : Error("invalid_client");
        }

        if (form.GetValueOrDefault("client_secret") != ExpectedSecret)
        {
            return Error("invalid_client");
        }

        lock (_gate)
        {
            switch (grantType)
            {
                case "authorization_code":
                {
                    var code = form.GetValueOrDefault("code") ?? string.Empty;
                    if (!_codes.TryGetValue(code, out var grant) || grant.Used || _time.GetUtcNow() - grant.IssuedAt > TimeSpan.FromMinutes(10))
                    {
                        return Error("invalid_request");
                    }

                    _codes[code] = grant with { Used = true };
                    if (grant.Challenge is not null)
                    {
                        var verifier = form.GetValueOrDefault("code_verifier");
                        if (verifier is null)
                        {
                            return Error("invalid_request");
                        }

                        Secrets.Add(verifier);
                        var expected = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
                        if (expected != grant.Challenge)
                        {
                            return Error("invalid_grant");
                        }
                    }

                    return TokenResponse(NewSession(grant.User));
                }

                case "refresh_token":
                {
                    var refresh = form.GetValueOrDefault("refresh_token") ?? string.Empty;
                    if (!_byRefresh.Remove(refresh, out var old))
                    {
                        // Recorded: reusing a rotated refresh token gives invalid_request.
                        return Error("invalid_request");
                    }

                    _byAccess.Remove(old.Access);
                    return TokenResponse(NewSession(old.User));
                }

                default:
                    return Error("invalid_grant");
            }
        }
    }

    private Session NewSession(string user)
    {
        var session = new Session(user, Random(72), Random(128), _time.GetUtcNow().AddSeconds(3600));
        _byAccess[session.Access] = session;
        _byRefresh[session.Refresh] = session;
        Secrets.Add(session.Access);
        Secrets.Add(session.Refresh);
        return session;
    }

    private HttpResponseMessage TokenResponse(Session session)
    {
        var body = new Dictionary<string, object>
        {
            ["access_token"] = session.Access,
            ["token_type"] = "Bearer",
            ["expires_in"] = 3600,
            ["refresh_token"] = session.Refresh,
        };
        if (!OmitUserId)
        {
            body["user_id"] = session.User;
        }

        return Json(HttpStatusCode.OK, JsonSerializer.Serialize(body));
    }

    private string? BearerUser(HttpRequestMessage request)
    {
        if (request.Headers.Authorization is not { Scheme: "Bearer", Parameter: { } token })
        {
            return null;
        }

        lock (_gate)
        {
            return _byAccess.TryGetValue(token, out var session) && _time.GetUtcNow() < session.ExpiresAt ? session.User : null;
        }
    }

    private static HttpResponseMessage Error(string error) => Json(HttpStatusCode.BadRequest, $$"""{"error":"{{error}}"}""");

    private static HttpResponseMessage UnknownClientPage() => new(HttpStatusCode.OK)
    {
        Content = new StringContent("<!DOCTYPE html><html><body><main>Your client is not authorized to connect. Please inform the administrator of your client.</main></body></html>", Encoding.UTF8, "text/html"),
    };

    private static HttpResponseMessage Json(HttpStatusCode status, string json)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return new HttpResponseMessage(status) { Content = content };
    }

    private static Dictionary<string, string> ParseQuery(string query)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            result[Uri.UnescapeDataString(parts[0].Replace('+', ' '))] = parts.Length > 1 ? Uri.UnescapeDataString(parts[1].Replace('+', ' ')) : string.Empty;
        }

        return result;
    }

    private static string Random(int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        return RandomNumberGenerator.GetString(alphabet, length);
    }

    private sealed record CodeGrant(string User, string? Challenge, DateTimeOffset IssuedAt, bool Used = false);

    private sealed record Session(string User, string Access, string Refresh, DateTimeOffset ExpiresAt);
}
