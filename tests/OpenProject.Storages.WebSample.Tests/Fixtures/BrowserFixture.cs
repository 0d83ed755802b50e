using Microsoft.Playwright;

namespace OpenProject.Storages.WebSample.Tests.Fixtures;

/// <summary>
/// One Chromium for the whole browser collection (starting it is the slow part); each test opens its own context, so cookies
/// and pages never leak between tests. Without any Chromium the tests are skipped with the reason, except in CI
/// (<c>CI=true</c>), where <c>.ci/run</c> installs it and its absence is a failure.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string? _missing;

    public async ValueTask InitializeAsync()
    {
        var executable = Chromium.Find();
        if (executable is null)
        {
            _missing = $"No Chromium found (install Debian's chromium package, or set {Chromium.PathVariable}); the browser tests need one.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(_missing + " CI must have it: .ci/run installs it.");
            }

            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = executable, Headless = true });
    }

    /// <summary>A fresh context (cookies, storage) for one test; skips the test when there is no Chromium.</summary>
    public async Task<IBrowserContext> NewContextAsync(Uri baseAddress)
    {
        if (_browser is null)
        {
            Assert.Skip(_missing ?? "The browser did not start.");
        }

        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1100, Height = 760 },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });

        // Auto-waiting actions give up after this long, never a sleep: generous, because the whole solution's tests run at once on
        // two cores and a page load then takes seconds.
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(60_000);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
