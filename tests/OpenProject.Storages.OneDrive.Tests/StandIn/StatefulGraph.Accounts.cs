using System.Collections.Specialized;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace OpenProject.Storages.OneDrive.Tests.StandIn;

/// <summary>
/// Entra ID for the users' delegated tokens, as the v2.0 endpoints behave: <see cref="SignIn"/> plays the browser at
/// <c>{tenant}/oauth2/v2.0/authorize</c> (checks client id, redirect URI, scope, state and the S256 challenge, and sends
/// the user back with a one-time <c>code</c>); the token endpoint exchanges a code once, only with the verifier of its
/// challenge (<c>invalid_grant</c> <c>AADSTS54005</c> for a used code, <c>AADSTS501481</c> for a wrong verifier), and
/// answers each refresh with a new access token and a new refresh token, after which the old refresh token is refused
/// (<c>invalid_grant</c>, <c>AADSTS9002313</c> as recorded). A revoked grant is <c>AADSTS50173</c>. Error bodies are
/// Entra ID's (<c>error</c>, <c>error_description</c>, <c>error_codes</c>). <c>GET /me</c> names the user's object id.
/// </summary>
internal sealed partial class StatefulGraph
{
    public const string RedirectUri = "https://app.example.com/onedrive/callback";

    private readonly Dictionary<string, AuthorizationCode> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefreshGrant> _refreshTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _objectIds = new(StringComparer.Ordinal);
    private int _unavailableTokenAnswers;

    /// <summary>Points a storage at this stand-in's drive and app registration (tenant, client, secret, redirect URI).</summary>
    public static void Configure(OneDriveStorageOptions options)
    {
        options.DriveId = DriveId;
        options.TenantId = TenantId;
        options.ClientId = ClientId;
        options.ClientSecret = ClientSecret;
        options.OAuthRedirectUri = new Uri(RedirectUri);
    }

    /// <summary>How many refresh requests reached Entra ID (granted, refused or failed).</summary>
    public int UserRefreshRequests { get; private set; }

    /// <summary>How many authorization codes were exchanged.</summary>
    public int CodeExchanges { get; private set; }

    /// <summary>How long the token endpoint takes for a user's grant, so that concurrent refreshes overlap.</summary>
    public TimeSpan UserTokenDelay { get; set; }

    /// <summary>The scope of the last authorize request.</summary>
    public string? LastAuthorizeScope { get; private set; }

    /// <summary>The user's object id in the directory, as <c>GET /me</c> returns it.</summary>
    public string ObjectIdOf(string displayName)
    {
        lock (_gate)
        {
            if (!_objectIds.TryGetValue(displayName, out var id))
            {
                id = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(displayName)).AsSpan(0, 16)).ToString();
                _objectIds[displayName] = id;
            }

            return id;
        }
    }

    /// <summary>
    /// The browser's visit to the authorize URL: the user signs in and consents, and Entra ID redirects to the redirect URI
    /// with a code and the state; or, when <paramref name="declines"/>, with <c>error=access_denied</c>.
    /// </summary>
    public Uri SignIn(Uri authorizeUrl, string displayName, bool declines = false, string? tamperedChallenge = null)
    {
        var query = System.Web.HttpUtility.ParseQueryString(authorizeUrl.Query);
        var segments = authorizeUrl.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (!string.Equals(authorizeUrl.Host, EntraHost, StringComparison.OrdinalIgnoreCase) || segments is not [TenantId, "oauth2", "v2.0", "authorize"])
        {
            throw new InvalidOperationException($"Not Entra ID's authorize endpoint of the tenant: {authorizeUrl.GetLeftPart(UriPartial.Path)}");
        }

        // Entra ID shows these as an error page, not as a redirect: the redirect URI itself is not trusted.
        Require(query["client_id"] == ClientId, "AADSTS700016: unknown client id");
        Require(query["redirect_uri"] == RedirectUri, "AADSTS50011: the redirect URI does not match the app registration");
        Require(query["response_type"] == "code", "AADSTS900144: response_type must be code");
        Require(query["code_challenge_method"] == "S256" && query["code_challenge"] is { Length: 43 }, "AADSTS501491: a PKCE S256 challenge is required for this client");
        Require(query["scope"]?.Split(' ').Contains("offline_access") == true, "no offline_access: no refresh token would be issued");
        LastAuthorizeScope = query["scope"];
        var state = Uri.EscapeDataString(query["state"] ?? string.Empty);
        if (declines)
        {
            return new Uri($"{RedirectUri}?error=access_denied&error_description={Uri.EscapeDataString("AADSTS65004: User declined to consent to access the app.")}&state={state}");
        }

        var code = "1.AQ" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        lock (_gate)
        {
            _codes[code] = new AuthorizationCode(displayName, tamperedChallenge ?? query["code_challenge"]!, RedirectUri);
        }

        return new Uri($"{RedirectUri}?code={Uri.EscapeDataString(code)}&state={state}&session_state={Guid.NewGuid()}");
    }

    /// <summary>Revokes every refresh token of a user (a password reset, "sign out everywhere").</summary>
    public void RevokeGrants(string displayName)
    {
        lock (_gate)
        {
            foreach (var grant in _refreshTokens.Values.Where(grant => grant.DisplayName == displayName))
            {
                grant.Revoked = true;
            }
        }
    }

    /// <summary>Whether Entra ID would still accept a refresh token.</summary>
    public bool Accepts(string refreshToken)
    {
        lock (_gate)
        {
            return _refreshTokens.TryGetValue(refreshToken, out var grant) && !grant.Used && !grant.Revoked;
        }
    }

    /// <summary>The next <paramref name="count"/> user grants are answered 503, as an Entra ID outage.</summary>
    public void FailUserTokenRequests(int count) => Interlocked.Exchange(ref _unavailableTokenAnswers, count);

    private static void Require(bool condition, string error)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Entra ID shows an error page: " + error);
        }
    }

    private async Task DelayTokenAnswerAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (UserTokenDelay > TimeSpan.Zero && string.Equals(request.RequestUri!.Host, EntraHost, StringComparison.OrdinalIgnoreCase))
        {
            await Task.Delay(UserTokenDelay, cancellationToken);
        }
    }

    private HttpResponseMessage UserToken(NameValueCollection form)
    {
        if (form["grant_type"] == "refresh_token")
        {
            UserRefreshRequests++;
        }

        if (Interlocked.Decrement(ref _unavailableTokenAnswers) >= 0)
        {
            return OAuthError(HttpStatusCode.ServiceUnavailable, "temporarily_unavailable", "AADSTS90033: A transient error has occurred. Please try again.");
        }

        Interlocked.Exchange(ref _unavailableTokenAnswers, 0);
        if (form["scope"]?.Split(' ').Contains("offline_access") != true)
        {
            return OAuthError(HttpStatusCode.BadRequest, "invalid_scope", "AADSTS70011: The provided request must include a 'scope' input parameter.");
        }

        return form["grant_type"] == "authorization_code" ? ExchangeCode(form) : Refresh(form);
    }

    private HttpResponseMessage ExchangeCode(NameValueCollection form)
    {
        CodeExchanges++;
        if (form["code"] is not { } code || !_codes.TryGetValue(code, out var grant))
        {
            return OAuthError(HttpStatusCode.BadRequest, "invalid_grant", "AADSTS9002313: Invalid request. Request is malformed or invalid.");
        }

        if (grant.Redeemed)
        {
            return OAuthError(HttpStatusCode.BadRequest, "invalid_grant", "AADSTS54005: OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.");
        }

        grant.Redeemed = true;
        if (form["redirect_uri"] != grant.RedirectUri)
        {
            return OAuthError(HttpStatusCode.BadRequest, "invalid_grant", "AADSTS50148: The redirect_uri does not match the one used in the authorization request.");
        }

        if (form["code_verifier"] is not { } verifier || Challenge(verifier) != grant.Challenge)
        {
            return OAuthError(HttpStatusCode.BadRequest, "invalid_grant", "AADSTS501481: The Code_Verifier does not match the code_challenge supplied in the authorization request.");
        }

        return IssueUserTokens(grant.DisplayName);
    }

    private HttpResponseMessage Refresh(NameValueCollection form)
    {
        if (form["refresh_token"] is not { } token || !_refreshTokens.TryGetValue(token, out var grant) || grant.Used)
        {
            // What OpenProject recorded for a refresh token Entra ID does not take (user_query_unauthorized).
            return OAuthError(HttpStatusCode.BadRequest, "invalid_grant", "AADSTS9002313: Invalid request. Request is malformed or invalid.");
        }

        if (grant.Revoked)
        {
            return OAuthError(HttpStatusCode.BadRequest, "invalid_grant", "AADSTS50173: The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.");
        }

        grant.Used = true;
        return IssueUserTokens(grant.DisplayName);
    }

    private HttpResponseMessage IssueUserTokens(string displayName)
    {
        // Shaped like Entra ID's: a three-part JWT-like access token and an opaque "1.A…" refresh token.
        var access = "eyJ0eXAiOiJKV1QifQ." + Convert.ToBase64String(RandomNumberGenerator.GetBytes(96)).Replace('+', '-').Replace('/', '_').TrimEnd('=') + ".sig";
        var refresh = "1.AQ" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(96)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        _users[access] = displayName;
        _refreshTokens[refresh] = new RefreshGrant(displayName);
        return Respond(HttpStatusCode.OK, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["token_type"] = "Bearer",
            ["scope"] = "https://graph.microsoft.com/Files.ReadWrite.All https://graph.microsoft.com/Sites.ReadWrite.All https://graph.microsoft.com/User.Read",
            ["expires_in"] = 3599,
            ["ext_expires_in"] = 3599,
            ["access_token"] = access,
            ["refresh_token"] = refresh,
        }));
    }

    // The lock is re-entrant: Me runs inside SendAsync's.
    private HttpResponseMessage Me(string displayName) => Respond(HttpStatusCode.OK, JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#users(id)/$entity",
        ["id"] = ObjectIdOf(displayName),
    }));

    private static string Challenge(string verifier) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    private sealed class AuthorizationCode(string displayName, string challenge, string redirectUri)
    {
        public string DisplayName { get; } = displayName;

        public string Challenge { get; } = challenge;

        public string RedirectUri { get; } = redirectUri;

        public bool Redeemed { get; set; }
    }

    private sealed class RefreshGrant(string displayName)
    {
        public string DisplayName { get; } = displayName;

        public bool Used { get; set; }

        public bool Revoked { get; set; }
    }
}
