using System.Security.Cryptography;
using System.Text;

namespace OpenProject.Storages.Nextcloud.AspNetCore.Tests.Fixtures;

/// <summary>
/// What integration_openproject 2.8.1 sends, in the recorded shapes: the lab client, its redirect URI, a
/// 10-hex-digit state and a 128-character base64url PKCE verifier with its S256 challenge.
/// </summary>
internal static class NextcloudApp
{
    public const string ClientId = "opclientid";
    public const string ClientSecret = "opclientsecret0123456789abcdef012";
    public const string UserAgent = "Nextcloud OpenProject integration";
    public static readonly Uri RedirectUri = new("http://127.0.0.1:8080/index.php/apps/integration_openproject/oauth-redirect");

    public static string NewState() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));

    public static string NewVerifier() => Base64Url(RandomNumberGenerator.GetBytes(96));

    public static string Challenge(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    /// <summary>The browser's <c>GET /oauth/authorize</c>: only the query string comes from Nextcloud.</summary>
    public static string AuthorizePath(string state, string challenge) =>
        "/oauth/authorize?client_id=" + ClientId
        + "&redirect_uri=" + Uri.EscapeDataString(RedirectUri.ToString())
        + "&response_type=code&state=" + state
        + "&code_challenge=" + challenge + "&code_challenge_method=S256";

    /// <summary><c>POST /oauth/token</c> for a code, credentials in the form body, fields in the recorded order.</summary>
    public static HttpRequestMessage CodeRequest(string code, string verifier) => TokenRequest(
        ("client_id", ClientId), ("client_secret", ClientSecret), ("code", code),
        ("redirect_uri", RedirectUri.ToString()), ("grant_type", "authorization_code"), ("code_verifier", verifier));

    /// <summary><c>POST /oauth/token</c> for a refresh, as the app sends it after any 401.</summary>
    public static HttpRequestMessage RefreshRequest(string refreshToken) => TokenRequest(
        ("client_id", ClientId), ("client_secret", ClientSecret),
        ("grant_type", "refresh_token"), ("refresh_token", refreshToken));

    /// <summary>
    /// <c>POST /oauth/revoke?token=…</c> with no body, Basic client credentials (what the app's
    /// <c>ConfigController::setIntegrationConfig</c> sends).
    /// </summary>
    public static HttpRequestMessage RevokeRequest(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/revoke?token=" + Uri.EscapeDataString(token))
        {
            Content = new ByteArrayContent([]),
        };
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(ClientId + ":" + ClientSecret)));
        request.Headers.UserAgent.ParseAdd(UserAgent);
        return request;
    }

    public static HttpRequestMessage ApiGet(string path, string accessToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", accessToken);
        request.Headers.UserAgent.ParseAdd(UserAgent);
        return request;
    }

    private static HttpRequestMessage TokenRequest(params (string Name, string Value)[] fields)
    {
        var body = string.Join('&', fields.Select(f => f.Name + "=" + Uri.EscapeDataString(f.Value)));
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        request.Headers.UserAgent.ParseAdd(UserAgent);
        return request;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
