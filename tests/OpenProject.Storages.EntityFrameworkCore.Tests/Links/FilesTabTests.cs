using OpenProject.Storages.EntityFrameworkCore.Tests.Stores;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.EntityFrameworkCore.Tests.Links;

/// <summary>The Files tab over the EF Core repository: viewing it writes nothing while the files are unchanged.</summary>
public sealed class FilesTabTests
{
    [Theory]
    [MemberData(nameof(StoreKinds.Databases), MemberType = typeof(StoreKinds))]
    public async Task Viewing_the_Files_tab_of_unchanged_files_rewrites_no_link(string kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stores = await StoreSet.OpenAsync(kind);
        var user = new HostUserId("alice");
        var storage = new InMemoryFileStorage(new StorageId("cloud"), "Nextcloud");
        storage.AddUser("alice", "Alice");
        storage.Connect(user, "alice");
        var authorization = new InMemoryFileLinkAuthorization();
        authorization.AllowEverything(user);
        var ids = Enumerable.Range(0, 20).Select(i => storage.AddFile(StoragePath.Parse($"/Projects/file {i}.txt"), "x", "text/plain", "Alice").Id).ToList();
        FileLinkService Service() => new(new FileStorageCatalog([storage]), stores.NewLinks(), authorization, new DefaultStorageProblemDescriber());
        await Service().LinkFilesAsync(user, ContainerRef.WorkPackage("1"), storage.Id, ids, ct);
        var before = await stores.NewLinks().ListByContainerAsync(ContainerRef.WorkPackage("1"), ct);
        stores.Time.Advance(TimeSpan.FromMinutes(1));

        await Service().ListFileLinksAsync(user, ContainerRef.WorkPackage("1"), ct);

        // The in-memory storage's dates carry ticks below the microsecond; a store that rounded them would see every
        // file as changed and write every link back on every view.
        Assert.Equal(before, await stores.NewLinks().ListByContainerAsync(ContainerRef.WorkPackage("1"), ct));
    }
}
