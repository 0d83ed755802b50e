using System.Net;
using System.Text.Json;
using OpenProject.Storages.Nextcloud.AspNetCore.Tests.Fixtures;

namespace OpenProject.Storages.Nextcloud.AspNetCore.Tests.OAuth;

/// <summary>The account connection as integration_openproject 2.8.1 does it (recordings 005–008, 092, 127, 143).</summary>
public sealed class OAuthDanceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Authorize_with_PKCE_then_code_then_API_then_refresh_rotates_and_the_old_refresh_token_is_dead()
    {
        await using var host = await ProviderHost.StartAsync(o => o.RefreshTokenReuseLeeway = TimeSpan.Zero);
        using var http = host.CreateClient();

        var verifier = NextcloudApp.NewVerifier();
        var code = await AuthorizeAsync(http, "alice", verifier);
        var first = await RedeemAsync(http, NextcloudApp.CodeRequest(code, verifier));

        Assert.Equal("alice", await SubjectAsync(http, first.Access));

        var second = await RedeemAsync(http, NextcloudApp.RefreshRequest(first.Refresh));
        Assert.NotEqual(first.Refresh, second.Refresh);
        Assert.Equal("alice", await SubjectAsync(http, second.Access));
        Assert.Equal("invalid_grant", await TokenErrorAsync(http, NextcloudApp.RefreshRequest(first.Refresh)));
    }

    [Fact]
    public async Task A_revoked_access_token_gets_401_and_revocation_answers_200()
    {
        await using var host = await ProviderHost.StartAsync();
        using var http = host.CreateClient();
        var verifier = NextcloudApp.NewVerifier();
        var tokens = await RedeemAsync(http, NextcloudApp.CodeRequest(await AuthorizeAsync(http, "alice", verifier), verifier));

        using var revoke = await http.SendAsync(NextcloudApp.RevokeRequest(tokens.Access), Ct);

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        using var after = await http.SendAsync(NextcloudApp.ApiGet(ProviderHost.ProbePath, tokens.Access), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task A_replayed_code_and_a_wrong_verifier_are_invalid_grant_and_the_token_endpoint_never_redirects()
    {
        await using var host = await ProviderHost.StartAsync();
        using var http = host.CreateClient();
        var verifier = NextcloudApp.NewVerifier();
        var code = await AuthorizeAsync(http, "alice", verifier);
        var otherCode = await AuthorizeAsync(http, "alice", NextcloudApp.NewVerifier());

        _ = await RedeemAsync(http, NextcloudApp.CodeRequest(code, verifier));

        Assert.Equal("invalid_grant", await TokenErrorAsync(http, NextcloudApp.CodeRequest(code, verifier)));
        Assert.Equal("invalid_grant", await TokenErrorAsync(http, NextcloudApp.CodeRequest(otherCode, verifier)));
    }

    [Fact]
    public async Task Without_the_hosts_sign_in_the_authorization_endpoint_challenges_the_host_and_issues_no_code()
    {
        await using var host = await ProviderHost.StartAsync();
        using var http = host.CreateClient();

        using var response = await http.GetAsync(NextcloudApp.AuthorizePath(NextcloudApp.NewState(), NextcloudApp.Challenge(NextcloudApp.NewVerifier())), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_token_the_API_answers_401()
    {
        await using var host = await ProviderHost.StartAsync();
        using var http = host.CreateClient();

        using var response = await http.GetAsync(ProviderHost.ProbePath, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Two_requests_of_the_app_that_refresh_with_one_token_at_once_both_get_working_tokens_within_the_leeway()
    {
        await using var host = await ProviderHost.StartAsync();
        using var http = host.CreateClient();
        var verifier = NextcloudApp.NewVerifier();
        var tokens = await RedeemAsync(http, NextcloudApp.CodeRequest(await AuthorizeAsync(http, "alice", verifier), verifier));

        var first = await RedeemAsync(http, NextcloudApp.RefreshRequest(tokens.Refresh));
        var second = await RedeemAsync(http, NextcloudApp.RefreshRequest(tokens.Refresh));

        Assert.Equal("alice", await SubjectAsync(http, first.Access));
        Assert.Equal("alice", await SubjectAsync(http, second.Access));
    }

    private static Task<string> AuthorizeAsync(HttpClient http, string user, string verifier) => NextcloudAppClient.AuthorizeAsync(http, user, verifier);

    private static Task<(string Access, string Refresh)> RedeemAsync(HttpClient http, HttpRequestMessage request) => NextcloudAppClient.RedeemAsync(http, request);

    private static async Task<string?> TokenErrorAsync(HttpClient http, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await http.SendAsync(request, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
            using var json = JsonDocument.Parse(body);
            return json.RootElement.GetProperty("error").GetString();
        }
    }

    private static async Task<string> SubjectAsync(HttpClient http, string accessToken)
    {
        using var request = NextcloudApp.ApiGet(ProviderHost.ProbePath, accessToken);
        using var response = await http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }
}
