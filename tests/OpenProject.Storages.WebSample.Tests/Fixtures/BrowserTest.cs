using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace OpenProject.Storages.WebSample.Tests.Fixtures;

/// <summary>What every browser test does: open a page in a fresh context, sign in, log in to Nextcloud, save a screenshot.</summary>
[Collection(BrowserStory.Name)]
public abstract class BrowserTest(BrowserFixture browser, Uri baseAddress) : IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];

    static BrowserTest() => Assertions.SetDefaultExpectTimeout(30_000);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>A page in a context of its own, signed in as the host user named <paramref name="displayName"/>.</summary>
    protected async Task<IPage> SignInAsync(string displayName)
    {
        var context = await browser.NewContextAsync(baseAddress);
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/SignIn");
        await page.GetByLabel("User").SelectOptionAsync(new SelectOptionValue { Label = displayName });
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Work packages", Level = 1 })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Opens the work package; if the user is not connected, logs in to Nextcloud as <paramref name="nextcloudUser"/> and grants access.</summary>
    protected static async Task OpenConnectedAsync(IPage page, string workPackageId, string nextcloudUser)
    {
        await page.GotoAsync($"/WorkPackages/{workPackageId}");
        var login = page.GetByRole(AriaRole.Link, new() { Name = "Nextcloud login" });
        if (await login.IsVisibleAsync())
        {
            await login.ClickAsync();
            await GrantAsync(page, nextcloudUser);
            await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/WorkPackages/{workPackageId}$"));
        }

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Link existing files" })).ToBeVisibleAsync();
    }

    /// <summary>On the stand-in's authorize page: log in as <paramref name="nextcloudUser"/> and grant access.</summary>
    protected static async Task GrantAsync(IPage page, string nextcloudUser)
    {
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connect to your account" })).ToBeVisibleAsync();
        await page.GetByLabel("Account name").FillAsync(nextcloudUser);
        await page.GetByRole(AriaRole.Button, new() { Name = "Grant access" }).ClickAsync();
    }

    /// <summary>The Files tab's row of a linked file.</summary>
    protected static ILocator Row(IPage page, string name) =>
        page.Locator("li.file-link").Filter(new() { Has = page.Locator(".name", new() { HasTextString = name }) });

    /// <summary>Saves the page as <c>docs/images/{name}.png</c>, the screenshots docs/web-sample.md shows.</summary>
    protected static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Repository.Path("docs", "images", name + ".png"), FullPage = true, Animations = ScreenshotAnimations.Disabled });

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
