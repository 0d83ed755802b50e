using Microsoft.Playwright;
using OpenProject.Storages.WebSample.Host;
using OpenProject.Storages.WebSample.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace OpenProject.Storages.WebSample.Tests;

/// <summary>Each linked file's live status for the user looking: a deleted file is "not found", one hidden from the user "not allowed".</summary>
public sealed class StatusTests(BrowserFixture browser, WebSampleServer app) : NextcloudBrowserTest(browser, app)
{
    [Fact]
    public async Task A_deleted_file_shows_not_found_and_a_forbidden_one_not_allowed()
    {
        var alice = await SignInAsync("Alice Adams");
        await OpenConnectedAsync(alice, "1235", "alice");
        var obsolete = WebSampleServer.ApolloFolder.Combine("Obsolete plan.pdf");
        var files = new[] { App.Nextcloud.AddFile(obsolete, "%PDF"u8), App.Nextcloud.Find(StoragePath.Parse("/HR/Salaries.xlsx"))!, App.Nextcloud.Find(WebSampleServer.ApolloFolder.Combine("Budget 2026.xlsx"))! };
        await App.WithFileLinksAsync(links => links.LinkFilesAsync(new HostUserId("alice"), ContainerRef.WorkPackage("1235"), SampleStorage.Id, files.Select(WebSampleServer.IdOf).ToList(), TestContext.Current.CancellationToken));
        App.Nextcloud.Remove(obsolete);

        // Bob may view the work package, but Nextcloud hides /HR from him.
        var bob = await SignInAsync("Bob Baker");
        await bob.GotoAsync("/WorkPackages/1235");
        var login = bob.GetByRole(AriaRole.Link, new() { Name = "Nextcloud login" });
        if (await login.IsVisibleAsync())
        {
            await login.ClickAsync();
            await GrantAsync(bob, "bob");
        }

        var gone = Row(bob, "Obsolete plan.pdf");
        await Expect(gone).ToHaveAttributeAsync("data-status", "NotFound");
        await Expect(gone.Locator(".status")).ToHaveTextAsync("not found");
        await Expect(gone).ToHaveAttributeAsync("title", "Obsolete plan.pdf could not be found");
        await Expect(gone.GetByRole(AriaRole.Link, new() { Name = "Open" })).ToHaveCountAsync(0);

        var hidden = Row(bob, "Salaries.xlsx");
        await Expect(hidden).ToHaveAttributeAsync("data-status", "NotAllowed");
        await Expect(hidden.Locator(".status")).ToHaveTextAsync("not allowed");
        await Expect(hidden.GetByRole(AriaRole.Link)).ToHaveCountAsync(0);

        await Expect(Row(bob, "Budget 2026.xlsx")).ToHaveAttributeAsync("data-status", "Available");
        await ScreenshotAsync(bob, "files-tab-statuses");
    }
}
