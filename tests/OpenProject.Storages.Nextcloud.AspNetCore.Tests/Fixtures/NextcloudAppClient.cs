using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace OpenProject.Storages.Nextcloud.AspNetCore.Tests.Fixtures;

/// <summary>
/// integration_openproject 2.8.1's API client, as the recordings show it: the opaque token as Bearer, its User-Agent,
/// <c>Content-Type: application/json</c> on POST and DELETE only, no <c>Accept</c>; on any 401 a refresh with the
/// credentials in the form body, then the same request again with the same body.
/// </summary>
internal sealed partial class NextcloudAppClient(HttpClient http, string accessToken, string refreshToken)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string AccessToken { get; private set; } = accessToken;

    public string RefreshToken { get; private set; } = refreshToken;

    /// <summary>How many refreshes a 401 caused.</summary>
    public int Refreshes { get; private set; }

    /// <summary>Connects a host user as the app does: the browser's authorize with PKCE and state, then the code.</summary>
    public static async Task<NextcloudAppClient> ConnectAsync(HttpClient http, string user)
    {
        var verifier = NextcloudApp.NewVerifier();
        var code = await AuthorizeAsync(http, user, verifier);
        var (access, refresh) = await RedeemAsync(http, NextcloudApp.CodeRequest(code, verifier));
        return new NextcloudAppClient(http, access, refresh);
    }

    /// <summary>
    /// The browser's authorize request, through the consent page when it is shown (the user accepts); asserts the
    /// redirect back to Nextcloud with the same state.
    /// </summary>
    public static async Task<string> AuthorizeAsync(HttpClient http, string user, string verifier)
    {
        var state = NextcloudApp.NewState();
        var location = await BrowseAuthorizeAsync(http, user, NextcloudApp.AuthorizePath(state, NextcloudApp.Challenge(verifier)), ConsentAnswer.Accept);
        Assert.Equal(NextcloudApp.RedirectUri.GetLeftPart(UriPartial.Path), location.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(state, query["state"].ToString());
        return query["code"].ToString();
    }

    /// <summary>What the user does on the consent page, if it is shown.</summary>
    public enum ConsentAnswer
    {
        Accept,
        Deny,
    }

    /// <summary>
    /// A browser at <c>/oauth/authorize</c>: when the consent page comes, it posts the form back (hidden fields, the
    /// antiforgery cookie and token) with the user's answer. Returns where the host finally redirects.
    /// </summary>
    public static async Task<Uri> BrowseAuthorizeAsync(HttpClient http, string user, string path, ConsentAnswer answer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(ProviderHost.UserHeader, user);
        using var response = await http.SendAsync(request, Ct);
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            return response.Headers.Location!;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Authorize Nextcloud to read and write your work packages and file links", page, StringComparison.Ordinal);
        var fields = HiddenField().Matches(page).Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();
        fields.Add(new("consent", answer == ConsentAnswer.Accept ? "accept" : "deny"));
        using var post = new HttpRequestMessage(HttpMethod.Post, "/oauth/authorize") { Content = new FormUrlEncodedContent(fields) };
        post.Headers.Add(ProviderHost.UserHeader, user);
        post.Headers.Add("Cookie", string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
        using var answered = await http.SendAsync(post, Ct);
        Assert.True(answered.StatusCode == HttpStatusCode.Redirect, $"{(int)answered.StatusCode}: {await answered.Content.ReadAsStringAsync(Ct)}");
        return answered.Headers.Location!;
    }

    [System.Text.RegularExpressions.GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")]
    private static partial System.Text.RegularExpressions.Regex HiddenField();

    /// <summary>Redeems a code or refresh token; asserts 200 with both tokens.</summary>
    public static async Task<(string Access, string Refresh)> RedeemAsync(HttpClient http, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await http.SendAsync(request, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, body);
            using var json = JsonDocument.Parse(body);
            return (json.RootElement.GetProperty("access_token").GetString()!, json.RootElement.GetProperty("refresh_token").GetString()!);
        }
    }

    public Task<Answer> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<Answer> PostAsync(string path, string? json) => SendAsync(HttpMethod.Post, path, json);

    public Task<Answer> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    private async Task<Answer> SendAsync(HttpMethod method, string path, string? json)
    {
        var answer = await SendOnceAsync(method, path, json);
        if (answer.Status != HttpStatusCode.Unauthorized)
        {
            return answer;
        }

        (AccessToken, RefreshToken) = await RedeemAsync(http, NextcloudApp.RefreshRequest(RefreshToken));
        Refreshes++;
        return await SendOnceAsync(method, path, json);
    }

    private async Task<Answer> SendOnceAsync(HttpMethod method, string path, string? json)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new("Bearer", AccessToken);
        request.Headers.UserAgent.ParseAdd(NextcloudApp.UserAgent);
        if (method != HttpMethod.Get)
        {
            // The bodiless read_ian POST and DELETE still say application/json.
            request.Content = new ByteArrayContent(json is null ? [] : Encoding.UTF8.GetBytes(json));
            request.Content.Headers.ContentType = new("application/json");
        }

        using var response = await http.SendAsync(request, Ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        return new Answer(response.StatusCode, response.Content.Headers.ContentType?.ToString(), bytes);
    }

    /// <summary>What the host answered.</summary>
    public sealed record Answer(HttpStatusCode Status, string? ContentType, byte[] Body)
    {
        public string Text => Encoding.UTF8.GetString(Body);

        /// <summary>The body as the app reads it: <c>json_decode</c>, whatever the content type.</summary>
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;
    }
}
