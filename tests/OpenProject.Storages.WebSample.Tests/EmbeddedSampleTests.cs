using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OpenProject.Storages.WebSample.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace OpenProject.Storages.WebSample.Tests;

/// <summary>The sample without configuration (the README's command): the embedded storage, whose login connects at once.</summary>
public sealed class EmbeddedSampleTests(BrowserFixture browser, EmbeddedWebSample sample) : BrowserTest(browser, sample.BaseAddress), IClassFixture<EmbeddedWebSample>
{
    [Fact]
    public async Task Without_configuration_the_embedded_storage_logs_in_and_links_a_file()
    {
        var page = await SignInAsync("Alice Adams");
        await page.GotoAsync("/WorkPackages/1234");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Login to Nextcloud");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nextcloud login" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/WorkPackages/1234$"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Link existing files" }).ClickAsync();
        await page.Locator("ul.picker").GetByRole(AriaRole.Link, new() { Name = "Projects", Exact = true }).ClickAsync();
        await page.Locator("ul.picker").GetByRole(AriaRole.Link, new() { Name = "Apollo", Exact = true }).ClickAsync();
        await page.GetByLabel("Select Budget 2026.xlsx").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Link selected" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Linked 1 item.");
        await Expect(Row(page, "Budget 2026.xlsx")).ToHaveAttributeAsync("data-status", "Available");
        await page.GetByRole(AriaRole.Link, new() { Name = "My settings" }).ClickAsync();
        await Expect(page.Locator("dd[data-connection]")).ToHaveTextAsync("Connected");
    }
}

/// <summary>
/// The embedded sample's administration, on an app of its own: it connects Alice and sets Apollo's default folder, which
/// the login story above must not find already done.
/// </summary>
public sealed class EmbeddedAdministrationTests(BrowserFixture browser, EmbeddedWebSample sample) : BrowserTest(browser, sample.BaseAddress), IClassFixture<EmbeddedWebSample>
{
    [Fact]
    public async Task Administration_shows_the_setup_report_sets_the_default_folder_and_syncs_project_folders()
    {
        var page = await SignInAsync("Alice Adams");
        await page.GotoAsync("/nextcloud/connect?returnUrl=/Admin");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Administration", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nextcloud setup: Passed" })).ToBeVisibleAsync();
        await Expect(page.Locator("tr[data-status]").First).ToBeVisibleAsync();
        await Expect(page.Locator("tr[data-status=Failed]")).ToHaveCountAsync(0);

        await page.GetByLabel("Folder the location picker opens in").FillAsync("/Projects/Apollo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The location picker of Apollo now opens in /Projects/Apollo.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Synchronize project folders" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Sync Succeeded");
        await Expect(page.GetByText("Skipped carol")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "administration");

        // The picker now opens in the project's default folder.
        await page.GotoAsync("/WorkPackages/1235/Location?storage=nextcloud");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Breadcrumb" }).Locator("[aria-current=page]")).ToHaveTextAsync("Apollo");
    }
}
