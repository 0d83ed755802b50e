namespace OpenProject.Storages.WebSample.Tests.Fixtures;

/// <summary>
/// The browser tests share one Chromium and one running web sample with its Nextcloud stand-in, and so run one after another;
/// each test arranges what it needs (its own files, links, connection) and opens its own browser context.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserStory : ICollectionFixture<BrowserFixture>, ICollectionFixture<WebSampleServer>
{
    public const string Name = "Browser";
}
