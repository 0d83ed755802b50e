using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OpenProject.Storages.WebSample.Host;
using OpenProject.Storages.WebSample.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace OpenProject.Storages.WebSample.Tests;

/// <summary>Logging in to Nextcloud from the Files tab, and the whole-storage states: login required, no connection.</summary>
public sealed class ConnectTests(BrowserFixture browser, WebSampleServer app) : NextcloudBrowserTest(browser, app)
{
    [Fact]
    public async Task Nextcloud_login_follows_the_OAuth_redirects_and_comes_back_to_the_same_work_package()
    {
        await App.DisconnectAsync(new HostUserId("carol"));
        var page = await SignInAsync("Carol Clark");
        await page.GotoAsync("/WorkPackages/1235");
        var storage = page.GetByRole(AriaRole.Region, new() { Name = "Nextcloud" });
        await Expect(storage.GetByRole(AriaRole.Alert)).ToContainTextAsync("Login to Nextcloud");
        await ScreenshotAsync(page, "files-tab-login");

        await storage.GetByRole(AriaRole.Link, new() { Name = "Nextcloud login" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(App.Nextcloud.BaseAddress + "index.php/apps/oauth2/authorize?")));
        await page.GetByLabel("Account name").FillAsync("carol");
        await ScreenshotAsync(page, "nextcloud-grant");
        await page.GetByRole(AriaRole.Button, new() { Name = "Grant access" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Uri(App.BaseAddress, "WorkPackages/1235").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "#1235 Budget 2026" })).ToBeVisibleAsync();
        await Expect(storage.GetByRole(AriaRole.Link, new() { Name = "Link existing files" })).ToBeVisibleAsync();
        await Expect(storage.GetByText("Login to Nextcloud")).ToHaveCountAsync(0);

        // Disconnecting in the user's settings brings the login back.
        await page.GetByRole(AriaRole.Link, new() { Name = "My settings" }).ClickAsync();
        await Expect(page.Locator("dd[data-connection]")).ToHaveTextAsync("Connected");
        await page.GetByRole(AriaRole.Button, new() { Name = "Disconnect from Nextcloud" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Disconnected from Nextcloud");
        await Expect(page.Locator("dd[data-connection]")).ToHaveTextAsync("Not connected");
        await page.GotoAsync("/WorkPackages/1235");
        await Expect(storage.GetByRole(AriaRole.Link, new() { Name = "Nextcloud login" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_token_revoked_in_Nextcloud_shows_Login_to_Nextcloud_and_logging_in_again_shows_the_files()
    {
        var page = await SignInAsync("Carol Clark");
        await OpenConnectedAsync(page, "1235", "carol");
        var file = App.Nextcloud.AddFile(WebSampleServer.ApolloFolder.Combine("Carol's plan.txt"), "plan"u8, ownerId: "carol");
        await App.WithFileLinksAsync(links => links.LinkFilesAsync(new HostUserId("carol"), ContainerRef.WorkPackage("1235"), SampleStorage.Id, [WebSampleServer.IdOf(file)], TestContext.Current.CancellationToken));

        App.Nextcloud.RevokeOAuthTokensOf("carol");
        await page.ReloadAsync();

        var storage = page.GetByRole(AriaRole.Region, new() { Name = "Nextcloud" });
        await Expect(storage.GetByRole(AriaRole.Alert)).ToContainTextAsync("Login to Nextcloud");
        await Expect(Row(page, "Carol's plan.txt")).ToBeVisibleAsync();
        await storage.GetByRole(AriaRole.Link, new() { Name = "Nextcloud login" }).ClickAsync();
        await GrantAsync(page, "carol");
        await Expect(Row(page, "Carol's plan.txt")).ToHaveAttributeAsync("data-status", "Available");
        await Expect(storage.GetByText("Login to Nextcloud")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Nextcloud_in_maintenance_shows_No_Nextcloud_connection()
    {
        var page = await SignInAsync("Alice Adams");
        await OpenConnectedAsync(page, "1234", "alice");
        var file = App.Nextcloud.AddFile(WebSampleServer.ApolloFolder.Combine("Roadmap.md"), "# Roadmap"u8);
        await App.WithFileLinksAsync(links => links.LinkFilesAsync(new HostUserId("alice"), ContainerRef.WorkPackage("1234"), SampleStorage.Id, [WebSampleServer.IdOf(file)], TestContext.Current.CancellationToken));

        App.Nextcloud.InMaintenance = true;
        try
        {
            await page.ReloadAsync();
            var problem = page.GetByRole(AriaRole.Region, new() { Name = "Nextcloud" }).GetByRole(AriaRole.Alert);
            await Expect(problem).ToContainTextAsync("No Nextcloud connection");
            await Expect(problem).ToContainTextAsync("Some Nextcloud settings are not working.");
            await Expect(Row(page, "Roadmap.md")).ToBeVisibleAsync();
            await ScreenshotAsync(page, "no-connection");
        }
        finally
        {
            App.Nextcloud.InMaintenance = false;
        }

        await page.ReloadAsync();
        await Expect(Row(page, "Roadmap.md")).ToHaveAttributeAsync("data-status", "Available");
    }
}
