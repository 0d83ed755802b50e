using System.Text;
using Microsoft.Playwright;
using OpenProject.Storages.WebSample.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace OpenProject.Storages.WebSample.Tests;

/// <summary>Upload files: chosen or dropped, then "Choose location" in the picker, upload and link; a name taken asks.</summary>
public sealed class UploadTests(BrowserFixture browser, WebSampleServer app) : NextcloudBrowserTest(browser, app)
{
    [Fact]
    public async Task Files_chosen_in_the_file_chooser_are_uploaded_into_the_chosen_folder_and_a_taken_name_asks()
    {
        App.Directory.SetDefaultFolder("apollo", StoragePath.Parse("/Projects"));
        var page = await SignInAsync("Alice Adams");
        await OpenConnectedAsync(page, "1235", "alice");

        await ChooseAndPickApolloAsync(page);
        await ScreenshotAsync(page, "upload-location");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload here" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Uploaded and linked 1 file.");
        await Expect(Row(page, "Minutes.txt")).ToHaveAttributeAsync("data-status", "Available");
        Assert.Equal("Minutes of the review"u8.ToArray(), App.Nextcloud.Find(WebSampleServer.ApolloFolder.Combine("Minutes.txt"))?.Content);

        // The same name again: the picker asks, and "Keep both" stores the new file beside the old one.
        await ChooseAndPickApolloAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload here" }).ClickAsync();
        var conflict = page.GetByRole(AriaRole.Alert);
        await Expect(conflict.Locator("legend")).ToHaveTextAsync("Minutes.txt already exists in this folder");
        await ScreenshotAsync(page, "upload-conflict");
        await conflict.GetByRole(AriaRole.Button, new() { Name = "Keep both" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Uploaded and linked 1 file.");
        var minutes = App.Nextcloud.Find(WebSampleServer.ApolloFolder)!.Children.Values.Where(node => node.Name.StartsWith("Minutes", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, minutes.Count);
        Assert.All(minutes, node => Assert.Equal("Minutes of the review"u8.ToArray(), node.Content));
        await Expect(page.Locator("li.file-link .name", new() { HasTextString = "Minutes" })).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task Files_dropped_on_the_drop_zone_are_uploaded_into_the_chosen_folder()
    {
        App.Directory.SetDefaultFolder("apollo", StoragePath.Parse("/Projects"));
        var page = await SignInAsync("Alice Adams");
        await OpenConnectedAsync(page, "1235", "alice");

        // What the browser hands the page when files are dragged from the desktop: a drop event carrying a DataTransfer.
        var transfer = await page.EvaluateHandleAsync("""
            ([name, text]) => {
              const transfer = new DataTransfer();
              transfer.items.add(new File([text], name, { type: "text/plain" }));
              return transfer;
            }
            """, new[] { "Dropped sketch.txt", "a sketch" });
        var zone = page.Locator(".drop-zone");
        await zone.DispatchEventAsync("dragover", new Dictionary<string, object> { ["dataTransfer"] = transfer });
        await Expect(zone).ToHaveClassAsync("drop-zone dragging");
        await zone.DispatchEventAsync("drop", new Dictionary<string, object> { ["dataTransfer"] = transfer });

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Choose location" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Files to upload: Dropped sketch.txt")).ToBeVisibleAsync();
        await page.Locator("ul.picker").GetByRole(AriaRole.Link, new() { Name = "Apollo", Exact = true }).ClickAsync();
        await page.Locator("ul.picker").GetByRole(AriaRole.Link, new() { Name = "Designs", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Breadcrumb" }).Locator("[aria-current=page]")).ToHaveTextAsync("Designs");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload here" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Uploaded and linked 1 file.");
        await Expect(Row(page, "Dropped sketch.txt")).ToHaveAttributeAsync("data-status", "Available");
        Assert.Equal("a sketch", Encoding.UTF8.GetString(App.Nextcloud.Find(WebSampleServer.ApolloFolder.Combine("Designs").Combine("Dropped sketch.txt"))!.Content));
    }

    /// <summary>Chooses Minutes.txt in the file chooser, "Choose location", and goes to /Projects/Apollo in the picker.</summary>
    private static async Task ChooseAndPickApolloAsync(IPage page)
    {
        await page.GetByLabel("Upload files (or drop them here)").SetInputFilesAsync(new FilePayload { Name = "Minutes.txt", MimeType = "text/plain", Buffer = "Minutes of the review"u8.ToArray() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Choose location" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Choose location" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Files to upload: Minutes.txt")).ToBeVisibleAsync();
        await page.Locator("ul.picker").GetByRole(AriaRole.Link, new() { Name = "Apollo", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Breadcrumb" }).Locator("[aria-current=page]")).ToHaveTextAsync("Apollo");
    }
}
