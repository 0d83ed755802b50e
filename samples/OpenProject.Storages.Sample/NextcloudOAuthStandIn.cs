using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace OpenProject.Storages.Sample;

/// <summary>
/// Just enough of Nextcloud's oauth2 app for the sample to run the real connect flow offline: the user
/// approves in the "browser" (<see cref="Approve"/>) and the token endpoint exchanges the single-use
/// code (checking the client secret and the PKCE verifier) for tokens and the user's Nextcloud id.
/// </summary>
internal sealed class NextcloudOAuthStandIn : HttpMessageHandler
{
    public static readonly Uri Base = new("https://cloud.example.invalid/");
    public const string ClientId = "sample-client";
    public const string ClientSecret = "sample-secret";
    public static readonly Uri RedirectUri = new("https://openproject.example.invalid/oauth/nextcloud/callback");

    private readonly Dictionary<string, (string User, string Challenge)> _codes = new(StringComparer.Ordinal);

    /// <summary>The user logs in at Nextcloud and approves; returns where Nextcloud redirects the browser.</summary>
    public Uri Approve(Uri authorizeUri, string nextcloudUser)
    {
        var query = Parse(authorizeUri.Query);
        var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        lock (_codes)
        {
            _codes[code] = (nextcloudUser, query["code_challenge"]);
        }

        return new Uri($"{RedirectUri}?state={Uri.EscapeDataString(query["state"])}&code={code}");
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.AbsolutePath != "/index.php/apps/oauth2/api/v1/token")
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        var form = Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
        (string User, string Challenge) grant;
        lock (_codes)
        {
            if (form["client_secret"] != ClientSecret || !_codes.Remove(form["code"], out grant))
            {
                return Json(HttpStatusCode.BadRequest, """{"error":"invalid_grant"}""");
            }
        }

        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"])));
        if (challenge != grant.Challenge)
        {
            return Json(HttpStatusCode.BadRequest, """{"error":"invalid_grant"}""");
        }

        var access = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        var refresh = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        return Json(HttpStatusCode.OK, $$"""{"access_token":"{{access}}","token_type":"Bearer","expires_in":3600,"refresh_token":"{{refresh}}","user_id":"{{grant.User}}"}""");
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static Dictionary<string, string> Parse(string query) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => Uri.UnescapeDataString(pair[0].Replace('+', ' ')), pair => pair.Length > 1 ? Uri.UnescapeDataString(pair[1].Replace('+', ' ')) : string.Empty, StringComparer.Ordinal);
}
