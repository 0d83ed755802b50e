using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using OpenProject.Storages.Nextcloud.AspNetCore.Tests.Fixtures;

namespace OpenProject.Storages.Nextcloud.AspNetCore.Tests.OAuth;

/// <summary>Connect step 4 of the user guide: the user authorizes Nextcloud once, on the host's page.</summary>
public sealed class ConsentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_first_connection_asks_a_reconnection_does_not_and_a_denial_issues_no_code()
    {
        await using var host = await ProviderHost.StartAsync();
        using var http = host.CreateClient();

        var denied = await NextcloudAppClient.BrowseAuthorizeAsync(http, "8", NextcloudApp.AuthorizePath("abcdef0123", NextcloudApp.Challenge(NextcloudApp.NewVerifier())), NextcloudAppClient.ConsentAnswer.Deny);
        _ = await NextcloudAppClient.ConnectAsync(http, "7");
        using var again = new HttpRequestMessage(HttpMethod.Get, NextcloudApp.AuthorizePath("0123456789", NextcloudApp.Challenge(NextcloudApp.NewVerifier())));
        again.Headers.Add(ProviderHost.UserHeader, "7");
        using var reconnect = await http.SendAsync(again, Ct);

        var query = QueryHelpers.ParseQuery(denied.Query);
        Assert.Equal("access_denied", query["error"].ToString());
        Assert.Equal("abcdef0123", query["state"].ToString());
        Assert.False(query.ContainsKey("code"));
        Assert.Equal(HttpStatusCode.Redirect, reconnect.StatusCode);
        Assert.Contains("code=", reconnect.Headers.Location!.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_consent_posted_without_the_antiforgery_token_shows_the_page_again_and_issues_no_code()
    {
        await using var host = await ProviderHost.StartAsync();
        using var http = host.CreateClient();
        var fields = QueryHelpers.ParseQuery(new Uri("http://host" + NextcloudApp.AuthorizePath("abcdef0123", NextcloudApp.Challenge(NextcloudApp.NewVerifier()))).Query)
            .Select(p => new KeyValuePair<string, string>(p.Key, p.Value.ToString()))
            .Append(new("consent", "accept"));
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/oauth/authorize") { Content = new FormUrlEncodedContent(fields) };
        forged.Headers.Add(ProviderHost.UserHeader, "7");

        using var response = await http.SendAsync(forged, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("Authorize Nextcloud", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
