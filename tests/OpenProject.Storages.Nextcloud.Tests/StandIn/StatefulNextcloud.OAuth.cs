using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace OpenProject.Storages.Nextcloud.Tests.StandIn;

/// <summary>
/// Nextcloud's oauth2 app, for a browser: <c>index.php/apps/oauth2/authorize</c> is a page on which the user logs in and grants
/// access (one form standing for Nextcloud's login page and its "Connect to …" page), which redirects the browser to the client's
/// registered redirect URI with the state and a single-use code; <c>index.php/apps/oauth2/api/v1/token</c> exchanges the code
/// (client secret and PKCE S256 checked) or a rotating single-use refresh token for a Bearer token this stand-in then accepts.
/// Errors as Nextcloud 27 answers them: HTTP 400 <c>{"error":...}</c>, <c>invalid_request</c> for an unknown or reused code or
/// refresh token.
/// </summary>
internal sealed partial class StatefulNextcloud
{
    private const string OAuthPrefix = "index.php/apps/oauth2/";
    private readonly Dictionary<string, (string Secret, Uri RedirectUri)> _oauthClients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string User, string ClientId, string? Challenge)> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string User, string ClientId, string AccessToken)> _refreshTokens = new(StringComparer.Ordinal);

    /// <summary>The administrator adds an OAuth 2.0 client (Administration settings → Security).</summary>
    public void AddOAuthClient(string clientId, string secret, Uri redirectUri)
    {
        lock (_gate)
        {
            _oauthClients[clientId] = (secret, redirectUri);
        }
    }

    /// <summary>The user revokes the client's access (Personal settings → Security): its access and refresh tokens die at once.</summary>
    public void RevokeOAuthTokensOf(string userId)
    {
        lock (_gate)
        {
            foreach (var (refresh, grant) in _refreshTokens.Where(pair => pair.Value.User == userId).ToList())
            {
                _refreshTokens.Remove(refresh);
                _tokens.Remove(grant.AccessToken);
            }
        }
    }

    private HttpResponseMessage OAuth(RecordedRequest request, byte[] body)
    {
        var endpoint = request.RelativePath[OAuthPrefix.Length..];
        return (request.Method, endpoint) switch
        {
            ("GET", "authorize") => AuthorizePage(Form(request.Uri.Query)),
            ("POST", "authorize") => Grant(Form(Encoding.UTF8.GetString(body))),
            ("POST", "api/v1/token") => Token(Form(Encoding.UTF8.GetString(body))),
            _ => Html(HttpStatusCode.NotFound),
        };
    }

    private HttpResponseMessage AuthorizePage(Dictionary<string, string> query)
    {
        if (!_oauthClients.ContainsKey(query.GetValueOrDefault("client_id") ?? string.Empty))
        {
            return Page(HttpStatusCode.BadRequest, "<p>Your client is not authorized to connect. Please inform the administrator of your client.</p>");
        }

        var hidden = new StringBuilder();
        foreach (var name in new[] { "client_id", "state", "response_type", "code_challenge", "code_challenge_method" })
        {
            if (query.TryGetValue(name, out var value))
            {
                hidden.Append("<input type=\"hidden\" name=\"").Append(name).Append("\" value=\"").Append(WebUtility.HtmlEncode(value)).Append("\" />");
            }
        }

        return Page(HttpStatusCode.OK, $"""
            <h1>Connect to your account</h1>
            <form method="post" action="authorize">{hidden}
            <p><label for="user">Account name</label> <input id="user" name="user" autocomplete="username" /></p>
            <p>An application wants access to your Nextcloud account.</p>
            <button type="submit">Grant access</button>
            </form>
            """);
    }

    private HttpResponseMessage Grant(Dictionary<string, string> form)
    {
        var user = form.GetValueOrDefault("user") ?? string.Empty;
        if (!_oauthClients.TryGetValue(form.GetValueOrDefault("client_id") ?? string.Empty, out var client) || !_users.ContainsKey(user))
        {
            return Page(HttpStatusCode.Forbidden, "<p>Wrong login or password.</p>");
        }

        var state = form.GetValueOrDefault("state") ?? string.Empty;
        var code = RandomToken(128);
        var challenge = form.GetValueOrDefault("code_challenge_method") == "S256" ? form.GetValueOrDefault("code_challenge") : null;
        _codes[code] = (user, form["client_id"], challenge);

        // Nextcloud redirects to the client's registered URI, whatever redirect_uri the request named.
        var response = Respond(HttpStatusCode.SeeOther);
        response.Headers.Location = new Uri($"{client.RedirectUri}?state={Uri.EscapeDataString(state)}&code={code}");
        return response;
    }

    private HttpResponseMessage Token(Dictionary<string, string> form)
    {
        var clientId = form.GetValueOrDefault("client_id") ?? string.Empty;
        if (!_oauthClients.TryGetValue(clientId, out var client) || client.Secret != form.GetValueOrDefault("client_secret"))
        {
            return OAuthError("invalid_client");
        }

        switch (form.GetValueOrDefault("grant_type"))
        {
            case "authorization_code":
                if (!_codes.Remove(form.GetValueOrDefault("code") ?? string.Empty, out var grant) || grant.ClientId != clientId)
                {
                    return OAuthError("invalid_request");
                }

                if (grant.Challenge is not null)
                {
                    var verifier = form.GetValueOrDefault("code_verifier") ?? string.Empty;
                    var expected = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
                    if (expected != grant.Challenge)
                    {
                        return OAuthError("invalid_grant");
                    }
                }

                return IssueOAuthTokens(grant.User, clientId);

            case "refresh_token":
                if (!_refreshTokens.Remove(form.GetValueOrDefault("refresh_token") ?? string.Empty, out var old) || old.ClientId != clientId)
                {
                    return OAuthError("invalid_request");
                }

                _tokens.Remove(old.AccessToken);
                return IssueOAuthTokens(old.User, clientId);

            default:
                return OAuthError("invalid_grant");
        }
    }

    private HttpResponseMessage IssueOAuthTokens(string user, string clientId)
    {
        var access = RandomToken(72);
        var refresh = RandomToken(128);
        _tokens[access] = user;
        _refreshTokens[refresh] = (user, clientId, access);
        return Json(HttpStatusCode.OK, $$"""{"access_token":"{{access}}","token_type":"Bearer","expires_in":3600,"refresh_token":"{{refresh}}","user_id":"{{user}}"}""");
    }

    private static HttpResponseMessage OAuthError(string error) => Json(HttpStatusCode.BadRequest, $$"""{"error":"{{error}}"}""");

    private static HttpResponseMessage Page(HttpStatusCode status, string main) =>
        Respond(status, Encoding.UTF8.GetBytes($"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\" /><title>Nextcloud</title></head><body><main>{main}</main></body></html>"), "text/html; charset=UTF-8");

    private static Dictionary<string, string> Form(string encoded)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in encoded.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            result[Uri.UnescapeDataString(parts[0].Replace('+', ' '))] = parts.Length > 1 ? Uri.UnescapeDataString(parts[1].Replace('+', ' ')) : string.Empty;
        }

        return result;
    }
}
