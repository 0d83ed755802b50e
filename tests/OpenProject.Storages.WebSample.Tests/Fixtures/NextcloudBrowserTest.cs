namespace OpenProject.Storages.WebSample.Tests.Fixtures;

/// <summary>A browser test of the sample configured for a real Nextcloud, the stand-in (<see cref="WebSampleServer"/>).</summary>
public abstract class NextcloudBrowserTest(BrowserFixture browser, WebSampleServer app) : BrowserTest(browser, app.BaseAddress)
{
    protected WebSampleServer App => app;
}
