using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OpenProject.Storages.WebSample.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace OpenProject.Storages.WebSample.Tests;

/// <summary>
/// The sample as the "OpenProject" of Nextcloud's integration_openproject app (<c>MapNextcloudIntegration</c> over the sample's own
/// work packages): the user authorizes Nextcloud in the browser, the app redeems the code and links a file through API v3, and the
/// link shows on the sample's Files tab.
/// </summary>
public sealed class NextcloudAppTests(BrowserFixture browser, WebSampleServer app) : NextcloudBrowserTest(browser, app)
{
    [Fact]
    public async Task A_file_linked_in_Nextcloud_through_API_v3_appears_on_the_Files_tab()
    {
        var ct = TestContext.Current.CancellationToken;
        var page = await SignInAsync("Alice Adams");
        await OpenConnectedAsync(page, "1234", "alice");
        var file = App.Nextcloud.AddFile(WebSampleServer.ApolloFolder.Combine("Kick-off slides.odp"), "slides"u8);

        // Nextcloud's OpenProject settings send the user here (PKCE and state, as integration_openproject 2.8 does).
        var verifier = Convert.ToBase64String(RandomNumberGenerator.GetBytes(96)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var redirect = new Uri(App.Nextcloud.BaseAddress, "index.php/apps/integration_openproject/oauth-redirect");
        await page.GotoAsync($"/oauth/authorize?client_id={WebSampleServer.AppClientId}&redirect_uri={Uri.EscapeDataString(redirect.ToString())}&response_type=code&state=5f3a9c01de&code_challenge={challenge}&code_challenge_method=S256");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Authorize Nextcloud" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Authorize" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(redirect.ToString()) + @"\?.*state=5f3a9c01de"));
        var code = Regex.Match(page.Url, "[?&]code=([^&]+)").Groups[1].Value;

        // What the app then does from Nextcloud's server: redeem the code, link the file to work package 1234.
        using var http = new HttpClient { BaseAddress = App.BaseAddress };
        using var token = await http.PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = WebSampleServer.AppClientId,
            ["client_secret"] = WebSampleServer.AppClientSecret,
            ["code"] = Uri.UnescapeDataString(code),
            ["redirect_uri"] = redirect.ToString(),
            ["grant_type"] = "authorization_code",
            ["code_verifier"] = verifier,
        }), ct);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        using var tokens = JsonDocument.Parse(await token.Content.ReadAsStringAsync(ct));

        using var link = new HttpRequestMessage(HttpMethod.Post, "/api/v3/work_packages/1234/file_links")
        {
            Content = new StringContent(
                """{"_type":"Collection","_embedded":{"elements":[{"originData":{"id":FILE_ID,"name":"Kick-off slides.odp","mimeType":"application/vnd.oasis.opendocument.presentation","createdAt":"1970-01-01T00:00:00.000Z","lastModifiedAt":"2026-12-05T11:21:25.000Z","createdByName":"","lastModifiedByName":""},"_links":{"storageUrl":{"href":"STORAGE_URL"}}}]}}"""
                    .Replace("FILE_ID", file.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                    .Replace("STORAGE_URL", App.Nextcloud.BaseAddress.ToString(), StringComparison.Ordinal),
                Encoding.UTF8,
                "application/json"),
        };
        link.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.RootElement.GetProperty("access_token").GetString());
        using var linked = await http.SendAsync(link, ct);
        var body = await linked.Content.ReadAsStringAsync(ct);
        Assert.True(linked.StatusCode == HttpStatusCode.Created, body);
        Assert.Contains("Kick-off slides.odp", body, StringComparison.Ordinal);

        await page.GotoAsync("/WorkPackages/1234");
        await Expect(Row(page, "Kick-off slides.odp")).ToHaveAttributeAsync("data-status", "Available");
    }
}
