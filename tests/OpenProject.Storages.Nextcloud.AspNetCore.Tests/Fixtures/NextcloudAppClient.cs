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
internal sealed class NextcloudAppClient(HttpClient http, string accessToken, string refreshToken)
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

    /// <summary>The browser's authorize request; asserts the redirect back to Nextcloud with the same state.</summary>
    public static async Task<string> AuthorizeAsync(HttpClient http, string user, string verifier)
    {
        var state = NextcloudApp.NewState();
        using var request = new HttpRequestMessage(HttpMethod.Get, NextcloudApp.AuthorizePath(state, NextcloudApp.Challenge(verifier)));
        request.Headers.Add(ProviderHost.UserHeader, user);
        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal(NextcloudApp.RedirectUri.GetLeftPart(UriPartial.Path), location.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(state, query["state"].ToString());
        return query["code"].ToString();
    }

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
