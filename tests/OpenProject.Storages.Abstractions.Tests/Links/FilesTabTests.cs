using NSubstitute;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Abstractions.Tests.Links;

public sealed class FilesTabTests
{
    private readonly FilesWorld _world = new();

    [Fact]
    public async Task Each_link_gets_its_live_status_for_the_user()
    {
        await _world.Service.LinkFilesAsync(FilesWorld.Alice, FilesWorld.WorkPackage, FilesWorld.CloudId, [_world.Plan.Id, _world.Notes.Id, _world.Salaries.Id]);
        _world.Storage.Remove(_world.Notes.Id);

        var tab = await _world.Service.ListFileLinksAsync(FilesWorld.Bob, FilesWorld.WorkPackage);

        var section = Assert.Single(tab.Storages);
        Assert.Equal(StorageConnectionState.Ready, section.State);
        Assert.Null(section.Problem);
        Assert.Equal(
            [("plan.pdf", FileLinkStatus.Available), ("notes.md", FileLinkStatus.NotFound), ("salaries.xlsx", FileLinkStatus.NotAllowed)],
            section.Links.Select(entry => (entry.Link.Origin.Name, entry.Status)));
        Assert.Equal([true, false, false], section.Links.Select(entry => entry.CanOpen));
    }

    [Fact]
    public async Task A_file_the_user_may_not_see_still_shows_its_cached_name_time_and_modifier()
    {
        var link = await _world.LinkAsync(_world.Salaries);

        var entry = (await _world.Service.ListFileLinksAsync(FilesWorld.Bob, FilesWorld.WorkPackage)).Storages.Single().Links.Single();

        Assert.Equal(FileLinkStatus.NotAllowed, entry.Status);
        Assert.Equal(link.Origin, entry.Link.Origin);
        Assert.Equal("salaries.xlsx", entry.Link.Origin.Name);
        Assert.NotNull(entry.Link.Origin.LastModifiedAt);
    }

    [Fact]
    public async Task Live_data_refreshes_and_stores_the_cached_origin_data()
    {
        await _world.LinkAsync(_world.Plan);
        await _world.Storage.MoveAsync(StorageActor.ForUser(FilesWorld.Alice), StoragePath.Parse("/Projects/plan.pdf"), StoragePath.Parse("/Projects/plan v2.pdf"));

        var entry = (await _world.Service.ListFileLinksAsync(FilesWorld.Bob, FilesWorld.WorkPackage)).Storages.Single().Links.Single();

        Assert.Equal("plan v2.pdf", entry.Link.Origin.Name);
        Assert.Equal("plan v2.pdf", (await _world.Links.ListByContainerAsync(FilesWorld.WorkPackage)).Single().Origin.Name);
    }

    [Fact]
    public async Task The_whole_tab_costs_one_bulk_request_per_storage()
    {
        await _world.Service.LinkFilesAsync(FilesWorld.Alice, FilesWorld.WorkPackage, FilesWorld.CloudId, [_world.Plan.Id, _world.Notes.Id, _world.Projects.Id]);
        _world.Storage.ResetRequestCounts();

        await _world.Service.ListFileLinksAsync(FilesWorld.Alice, FilesWorld.WorkPackage);

        Assert.Equal(1, _world.Storage.RequestCount(StorageOperation.GetFileInfos));
        Assert.Equal(0, _world.Storage.RequestCount(StorageOperation.GetFileInfo));
    }

    [Fact]
    public async Task A_user_who_is_not_logged_in_sees_login_required_and_the_cached_data()
    {
        await _world.LinkAsync(_world.Plan);

        var section = (await _world.Service.ListFileLinksAsync(FilesWorld.Carol, FilesWorld.WorkPackage)).Storages.Single();

        Assert.Equal(StorageConnectionState.LoginRequired, section.State);
        Assert.Equal("Login to Nextcloud", section.Problem!.Title);
        var entry = Assert.Single(section.Links);
        Assert.Equal(FileLinkStatus.Error, entry.Status);
        Assert.Equal("plan.pdf", entry.Link.Origin.Name);
    }

    public static TheoryData<string, StorageConnectionState> Faults => new()
    {
        { nameof(StorageFault.Unauthorized), StorageConnectionState.LoginRequired },
        { nameof(StorageFault.Unavailable), StorageConnectionState.NoConnection },
        { nameof(StorageFault.Timeout), StorageConnectionState.NoConnection },
        { nameof(StorageFault.InvalidResponse), StorageConnectionState.FetchError },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Every_storage_failure_maps_to_a_state_and_keeps_the_cached_data(string fault, StorageConnectionState state)
    {
        await _world.LinkAsync(_world.Plan);
        _world.Storage.Faults.InjectAlways(StorageOperation.GetFileInfos, FaultNamed(fault));

        var section = (await _world.Service.ListFileLinksAsync(FilesWorld.Alice, FilesWorld.WorkPackage)).Storages.Single();

        Assert.Equal(state, section.State);
        Assert.NotNull(section.Problem);
        Assert.All(section.Links, entry => Assert.Equal(FileLinkStatus.Error, entry.Status));
        Assert.Equal("plan.pdf", section.Links.Single().Link.Origin.Name);
    }

    [Fact]
    public async Task A_timeout_that_is_not_the_callers_cancellation_means_no_connection()
    {
        await _world.LinkAsync(_world.Plan);
        var storage = Substitute.For<IFileStorage>();
        storage.Id.Returns(FilesWorld.CloudId);
        storage.ProductName.Returns("Nextcloud");
        storage.GetFileInfosAsync(default, default!, default).ReturnsForAnyArgs<Task<IReadOnlyDictionary<FileId, FileInfoResult>>>(_ => throw new TaskCanceledException("HttpClient.Timeout"));
        var service = new FileLinkService(new FileStorageCatalog([storage]), _world.Links, _world.Authorization, new DefaultStorageProblemDescriber());

        var section = (await service.ListFileLinksAsync(FilesWorld.Alice, FilesWorld.WorkPackage)).Storages.Single();

        Assert.Equal(StorageConnectionState.NoConnection, section.State);
    }

    [Fact]
    public async Task Links_to_a_storage_that_is_no_longer_configured_are_still_listed()
    {
        await _world.LinkAsync(_world.Plan);
        var service = new FileLinkService(new FileStorageCatalog([]), _world.Links, _world.Authorization, new DefaultStorageProblemDescriber());

        var section = (await service.ListFileLinksAsync(FilesWorld.Alice, FilesWorld.WorkPackage)).Storages.Single();

        Assert.Equal(StorageConnectionState.NoConnection, section.State);
        Assert.Equal(StorageErrorCode.NotConfigured, section.Problem!.Code);
        Assert.Equal("plan.pdf", section.Links.Single().Link.Origin.Name);
    }

    [Fact]
    public async Task Links_are_grouped_by_storage_and_each_storage_has_its_own_state()
    {
        var other = new InMemoryFileStorage(new StorageId("archive"), "Archive");
        other.AddUser("alice-archive");
        other.Connect(FilesWorld.Alice, "alice-archive");
        var old = other.AddFile(StoragePath.Parse("/old.txt"), "old");
        var service = new FileLinkService(new FileStorageCatalog([_world.Storage, other]), _world.Links, _world.Authorization, new DefaultStorageProblemDescriber());
        await service.LinkFilesAsync(FilesWorld.Alice, FilesWorld.WorkPackage, FilesWorld.CloudId, [_world.Plan.Id]);
        await service.LinkFilesAsync(FilesWorld.Alice, FilesWorld.WorkPackage, other.Id, [old.Id]);
        other.Faults.InjectAlways(StorageOperation.GetFileInfos, StorageFault.Unavailable);

        var tab = await service.ListFileLinksAsync(FilesWorld.Alice, FilesWorld.WorkPackage);

        Assert.Equal([(FilesWorld.CloudId, StorageConnectionState.Ready), (other.Id, StorageConnectionState.NoConnection)], tab.Storages.Select(section => (section.Storage, section.State)));
    }

    [Fact]
    public async Task Seeing_the_tab_needs_the_view_permission()
    {
        var error = await Assert.ThrowsAsync<StorageException>(() => _world.Service.ListFileLinksAsync(new HostUserId("mallory"), FilesWorld.WorkPackage));

        Assert.Equal(StorageErrorCode.PermissionMissing, error.Code);
    }

    [Fact]
    public async Task A_container_without_links_has_no_sections() =>
        Assert.Empty((await _world.Service.ListFileLinksAsync(FilesWorld.Alice, FilesWorld.WorkPackage)).Storages);

    private static StorageFault FaultNamed(string name) => name switch
    {
        nameof(StorageFault.Unauthorized) => StorageFault.Unauthorized,
        nameof(StorageFault.Unavailable) => StorageFault.Unavailable,
        nameof(StorageFault.Timeout) => StorageFault.Timeout,
        _ => StorageFault.InvalidResponse,
    };
}
