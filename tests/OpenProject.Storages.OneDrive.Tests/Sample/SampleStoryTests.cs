using OpenProject.Storages.OneDrive.Tests.Conformance;
using OpenProject.Storages.Sample;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.OneDrive.Tests.Sample;

/// <summary>The console sample's story (the steps it runs with <c>-- onedrive</c>) on the OneDrive provider over the Graph stand-in.</summary>
public sealed class SampleStoryTests
{
    [Fact]
    public async Task The_samples_story_runs_on_OneDrive()
    {
        using var fixture = new OneDriveConformanceFixture(options => options.OpenLinkBaseAddress = new Uri("http://localhost:5000/onedrive/open"));
        var user = new HostUserId("1");
        var authorization = new InMemoryFileLinkAuthorization();
        authorization.AllowEverything(user);
        var files = new FileLinkService(new FileStorageCatalog([fixture.Storage]), new InMemoryFileLinkRepository(), authorization, new DefaultStorageProblemDescriber());
        using var output = new StringWriter();
        var story = new Story(output);

        await StorageStory.RunAsync(story, files, fixture.Storage, user, ContainerRef.WorkPackage("1"));

        Assert.True(story.Finish() == 0, output.ToString());
        Assert.Empty(fixture.Server.Find(StoragePath.Root)!.Children);
    }
}
