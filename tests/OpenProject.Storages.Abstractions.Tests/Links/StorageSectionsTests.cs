using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Abstractions.Tests.Links;

/// <summary>
/// The Files tab names the project's storages: each has a section before anything is linked, and a user who has not
/// connected sees "Login to Nextcloud" there, told by what the host keeps, without a request to the storage.
/// </summary>
public sealed class StorageSectionsTests
{
    private readonly FilesWorld _world = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_storage_without_links_has_a_section_whose_state_says_whether_the_user_must_log_in()
    {
        var connected = await _world.Service.ListFileLinksAsync(FilesWorld.Alice, FilesWorld.WorkPackage, [FilesWorld.CloudId], _ct);
        var notConnected = await _world.Service.ListFileLinksAsync(FilesWorld.Carol, FilesWorld.WorkPackage, [FilesWorld.CloudId], _ct);

        var ready = Assert.Single(connected.Storages);
        Assert.Equal((FilesWorld.CloudId, StorageConnectionState.Ready, "Nextcloud"), (ready.Storage, ready.State, ready.ProductName));
        Assert.Empty(ready.Links);
        Assert.Null(ready.Problem);
        var login = Assert.Single(notConnected.Storages);
        Assert.Equal(StorageConnectionState.LoginRequired, login.State);
        Assert.Equal("Login to Nextcloud", login.Problem!.Title);
        Assert.Empty(login.Links);

        // Told without a request to the storage: no listing or file info was asked.
        Assert.Equal(0, _world.Storage.RequestCount(StorageOperation.GetFileInfos));
        Assert.Equal(2, _world.Storage.RequestCount(StorageOperation.GetConnectionState));
    }

    [Fact]
    public async Task Named_storages_come_first_in_their_order_then_storages_with_links_and_without_names_no_section()
    {
        var other = new InMemoryFileStorage(new StorageId("other"), "Other cloud");
        var service = new FileLinkService(new FileStorageCatalog([_world.Storage, other]), _world.Links, _world.Authorization, new DefaultStorageProblemDescriber());
        await _world.LinkAsync(_world.Plan);

        var named = await service.ListFileLinksAsync(FilesWorld.Alice, FilesWorld.WorkPackage, [other.Id, new StorageId("retired")], _ct);
        var unnamed = await service.ListFileLinksAsync(FilesWorld.Alice, FilesWorld.WorkPackage, _ct);

        Assert.Equal(["other", "retired", "cloud"], named.Storages.Select(section => section.Storage.Value));
        Assert.Equal(StorageConnectionState.LoginRequired, named.Storages[0].State); // alice never connected "other"
        Assert.Equal(StorageConnectionState.NoConnection, named.Storages[1].State);  // not configured in this host
        Assert.Equal("plan.pdf", Assert.Single(named.Storages[2].Links).Link.Origin.Name);
        Assert.Equal(["cloud"], unnamed.Storages.Select(section => section.Storage.Value));
    }

    [Fact]
    public async Task A_connection_state_that_cannot_be_read_is_a_section_with_the_problem_not_an_exception()
    {
        _world.Storage.Faults.Inject(StorageOperation.GetConnectionState, StorageFault.Unavailable);

        var tab = await _world.Service.ListFileLinksAsync(FilesWorld.Alice, FilesWorld.WorkPackage, [FilesWorld.CloudId], _ct);

        var section = Assert.Single(tab.Storages);
        Assert.Equal(StorageConnectionState.NoConnection, section.State);
        Assert.Equal("No Nextcloud connection", section.Problem!.Title);
    }

    [Fact]
    public async Task The_storages_are_checked_like_every_id()
    {
        Assert.Equal("storages", (await Assert.ThrowsAsync<ArgumentException>(() => _world.Service.ListFileLinksAsync(FilesWorld.Alice, FilesWorld.WorkPackage, [default(StorageId)], _ct))).ParamName);
        await Assert.ThrowsAsync<ArgumentNullException>(() => _world.Service.ListFileLinksAsync(FilesWorld.Alice, FilesWorld.WorkPackage, null!, _ct));
    }
}
