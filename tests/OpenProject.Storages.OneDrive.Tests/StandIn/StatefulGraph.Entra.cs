using System.Net;
using System.Text.Json;

namespace OpenProject.Storages.OneDrive.Tests.StandIn;

/// <summary>
/// Entra ID's token endpoint for the app-only token (client credentials), as recorded by OpenProject's setup
/// validation: 200 <c>{"token_type":"Bearer","expires_in":3599,…}</c>; an unknown tenant 400 <c>invalid_request</c>
/// (<c>AADSTS90002</c> for a name that could be a tenant, <c>AADSTS900023</c> for one that cannot); an unknown client id
/// 400 <c>unauthorized_client</c> (<c>AADSTS700016</c>); a wrong secret 401 <c>invalid_client</c> (<c>AADSTS7000215</c>).
/// An issued token is a Graph token of the app ("SharePoint App"). The users' grants (authorization code with PKCE,
/// rotating refresh tokens) are in <c>StatefulGraph.Accounts.cs</c>.
/// </summary>
internal sealed partial class StatefulGraph
{
    public const string EntraHost = "login.microsoftonline.com";
    public const string TenantId = "4d44bf36-9b56-45c0-8807-bbf386dd047f";
    public const string ClientId = "4262df2b-77bb-49c2-a5df-28355da676d2";
    public const string ClientSecret = "stand-in~secret.value";

    public int TokenRequests { get; private set; }

    private HttpResponseMessage Token(HttpRequestMessage request, byte[] body)
    {
        TokenRequests++;
        var segments = request.RequestUri!.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var form = System.Web.HttpUtility.ParseQueryString(System.Text.Encoding.UTF8.GetString(body));
        if (request.Method != HttpMethod.Post || segments is not [var tenant, "oauth2", "v2.0", "token"])
        {
            return OAuthError(HttpStatusCode.NotFound, "invalid_request", "AADSTS900561: The endpoint only accepts POST requests.");
        }

        if (Uri.UnescapeDataString(tenant) != TenantId)
        {
            return tenant.Contains('.', StringComparison.Ordinal) || Guid.TryParse(tenant, out _)
                ? OAuthError(HttpStatusCode.BadRequest, "invalid_request", $"AADSTS90002: Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID.")
                : OAuthError(HttpStatusCode.BadRequest, "invalid_request", $"AADSTS900023: Specified tenant identifier '{tenant}' is neither a valid DNS name, nor a valid external domain.");
        }

        if (form["client_id"] != ClientId)
        {
            return OAuthError(HttpStatusCode.BadRequest, "unauthorized_client", $"AADSTS700016: Application with identifier '{form["client_id"]}' was not found in the directory.");
        }

        if (form["client_secret"] != ClientSecret)
        {
            return OAuthError(HttpStatusCode.Unauthorized, "invalid_client", $"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{ClientId}'.");
        }

        // The user's grants (StatefulGraph.Accounts.cs); everything else is the app's own token.
        if (form["grant_type"] is "authorization_code" or "refresh_token")
        {
            return UserToken(form);
        }

        if (form["grant_type"] != "client_credentials")
        {
            return OAuthError(HttpStatusCode.BadRequest, "unsupported_grant_type", $"AADSTS70003: The app requested an unsupported grant type '{form["grant_type"]}'.");
        }

        var token = "app-token-" + Guid.NewGuid().ToString("N");
        _users[token] = AppDisplayName;
        return Respond(HttpStatusCode.OK, JsonSerializer.Serialize(new Dictionary<string, object> { ["token_type"] = "Bearer", ["expires_in"] = 3599, ["ext_expires_in"] = 3599, ["access_token"] = token }));
    }

    private static HttpResponseMessage OAuthError(HttpStatusCode status, string error, string description) =>
        Respond(status, JsonSerializer.Serialize(new Dictionary<string, object> { ["error"] = error, ["error_description"] = description, ["error_codes"] = new[] { int.Parse(description[6..description.IndexOf(':', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture) } }));
}
