using Microsoft.Playwright;
using OpenProject.Storages.WebSample.Host;
using OpenProject.Storages.WebSample.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace OpenProject.Storages.WebSample.Tests;

/// <summary>The location picker (default folder, breadcrumb, multi-select), linking, downloading and unlinking.</summary>
public sealed class LinkTests(BrowserFixture browser, WebSampleServer app) : NextcloudBrowserTest(browser, app)
{
    [Fact]
    public async Task The_picker_opens_in_the_default_folder_collapses_a_deep_breadcrumb_and_links_two_files_and_a_folder()
    {
        App.Directory.SetDefaultFolder("apollo", StoragePath.Parse("/Archive"));
        var page = await SignInAsync("Alice Adams");
        await OpenConnectedAsync(page, "1234", "alice");
        await page.GetByRole(AriaRole.Link, new() { Name = "Link existing files" }).ClickAsync();

        var breadcrumb = page.GetByRole(AriaRole.Navigation, new() { Name = "Breadcrumb" });
        var levels = breadcrumb.Locator("ol > li");
        await Expect(levels).ToHaveTextAsync(["Root", "Archive"], new() { UseInnerText = true });
        foreach (var folder in new[] { "2024", "Q4", "Apollo", "Reviews", "Final" })
        {
            await page.Locator("ul.picker").GetByRole(AriaRole.Link, new() { Name = folder, Exact = true }).ClickAsync();
            await Expect(breadcrumb.Locator("[aria-current=page]")).ToHaveTextAsync(folder);
        }

        // Seven levels with the root: the root, "…" with the hidden ones, the parent and the current folder.
        await Expect(levels).ToHaveTextAsync(["Root", "…", "Reviews", "Final"], new() { UseInnerText = true });
        var q4 = breadcrumb.GetByRole(AriaRole.Link, new() { Name = "Q4" });
        await Expect(q4).ToBeHiddenAsync();
        await breadcrumb.GetByLabel("Show hidden folders").ClickAsync();
        await Expect(breadcrumb.Locator("details li")).ToHaveTextAsync(["Archive", "2024", "Q4", "Apollo"]);
        await Expect(q4).ToBeVisibleAsync();
        await breadcrumb.GetByLabel("Show hidden folders").ClickAsync();
        await Expect(q4).ToBeHiddenAsync();

        await page.GetByLabel("Select Review notes.md").CheckAsync();
        await page.GetByLabel("Select Decision log.md").CheckAsync();
        await page.GetByLabel("Select Attachments").CheckAsync();
        await ScreenshotAsync(page, "location-picker");
        await page.GetByRole(AriaRole.Button, new() { Name = "Link selected" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Linked 3 items.");
        foreach (var name in new[] { "Review notes.md", "Decision log.md", "Attachments" })
        {
            await Expect(Row(page, name)).ToHaveAttributeAsync("data-status", "Available");
        }

        // The actions show on hover; a download reads the file from Nextcloud with the user's own token.
        var notes = Row(page, "Review notes.md");
        await notes.HoverAsync();
        await Expect(notes.GetByRole(AriaRole.Link, new() { Name = "Show in folder" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "files-tab");
        var download = await page.RunAndWaitForDownloadAsync(() => notes.GetByRole(AriaRole.Link, new() { Name = "Download" }).ClickAsync());
        Assert.Equal("Review notes.md", download.SuggestedFilename);
        await using var content = await download.CreateReadStreamAsync();
        Assert.Equal("# Notes", await new StreamReader(content).ReadToEndAsync(TestContext.Current.CancellationToken));
        await Expect(Row(page, "Attachments").GetByRole(AriaRole.Link, new() { Name = "Download" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Unlinking_asks_for_confirmation_and_leaves_the_file_in_Nextcloud()
    {
        var page = await SignInAsync("Alice Adams");
        await OpenConnectedAsync(page, "1234", "alice");
        var path = WebSampleServer.ApolloFolder.Combine("Old draft.docx");
        var file = App.Nextcloud.AddFile(path, "draft"u8);
        await App.WithFileLinksAsync(links => links.LinkFilesAsync(new HostUserId("alice"), ContainerRef.WorkPackage("1234"), SampleStorage.Id, [WebSampleServer.IdOf(file)], TestContext.Current.CancellationToken));
        await page.ReloadAsync();

        var confirmations = new List<string>();
        var accept = false;
        page.Dialog += async (_, dialog) =>
        {
            confirmations.Add(dialog.Message);
            await (accept ? dialog.AcceptAsync() : dialog.DismissAsync());
        };

        // Keyboard: focusing the row shows its actions.
        var row = Row(page, "Old draft.docx");
        await row.FocusAsync();
        var unlink = row.GetByRole(AriaRole.Button, new() { Name = "Unlink Old draft.docx" });
        await Expect(unlink).ToBeVisibleAsync();
        await unlink.ClickAsync();
        await Expect(row).ToBeVisibleAsync();
        Assert.Equal(["Remove the link to Old draft.docx? The file stays in Nextcloud."], confirmations);

        accept = true;
        await unlink.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The link was removed. The file itself was not changed.");
        await Expect(row).ToHaveCountAsync(0);
        Assert.Equal(2, confirmations.Count);
        Assert.Equal("draft"u8.ToArray(), App.Nextcloud.Find(path)?.Content);
    }
}
