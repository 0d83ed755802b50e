using NSubstitute;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Abstractions.Tests.Links;

public sealed class UnlinkingTests
{
    private readonly FilesWorld _world = new();

    [Fact]
    public async Task Unlinking_a_file_never_touches_the_file_in_storage()
    {
        var link = await _world.LinkAsync(_world.Plan);
        _world.Storage.ResetRequestCounts();

        await _world.Service.UnlinkAsync(FilesWorld.Alice, link.Id);

        Assert.Null(await _world.Links.GetAsync(link.Id));
        Assert.Equal("plan"u8.ToArray(), _world.Storage.GetContent(_world.Plan.Id));
        Assert.Equal(_world.Plan.Location, _world.Storage.Find(_world.Plan.Id)!.Location);
        foreach (var write in new[] { StorageOperation.Delete, StorageOperation.Move, StorageOperation.Upload, StorageOperation.CreateFolder })
        {
            Assert.Equal(0, _world.Storage.RequestCount(write));
        }
    }

    [Fact]
    public async Task Unlinking_calls_no_writing_operation_of_any_storage()
    {
        var link = await _world.LinkAsync(_world.Plan);
        var storage = Substitute.For<IFileStorage, IFileManagement, IFileUploads>();
        storage.Id.Returns(FilesWorld.CloudId);
        storage.ProductName.Returns("Nextcloud");
        storage.GetFileInfoAsync(default, default, default).ReturnsForAnyArgs(_world.Plan);
        var service = new FileLinkService(new FileStorageCatalog([storage]), _world.Links, _world.Authorization, new DefaultStorageProblemDescriber());

        await service.UnlinkAsync(FilesWorld.Alice, link.Id);

        Assert.DoesNotContain(storage.ReceivedCalls(), call => call.GetMethodInfo().DeclaringType != typeof(IFileStorage));
    }

    [Fact]
    public async Task Unlinking_is_refused_when_the_storage_says_the_user_has_no_access()
    {
        var link = await _world.LinkAsync(_world.Salaries);
        _world.Authorization.AllowManage(FilesWorld.Bob, FilesWorld.WorkPackage);

        var error = await Assert.ThrowsAsync<StorageException>(() => _world.Service.UnlinkAsync(FilesWorld.Bob, link.Id));

        Assert.Equal(StorageErrorCode.Forbidden, error.Code);
        Assert.NotNull(await _world.Links.GetAsync(link.Id));
    }

    [Fact]
    public async Task Unlinking_a_file_that_no_longer_exists_is_allowed()
    {
        var link = await _world.LinkAsync(_world.Plan);
        _world.Storage.Remove(_world.Plan.Id);

        await _world.Service.UnlinkAsync(FilesWorld.Alice, link.Id);

        Assert.Null(await _world.Links.GetAsync(link.Id));
    }

    [Fact]
    public async Task Unlinking_while_not_logged_in_asks_for_login_and_keeps_the_link()
    {
        var link = await _world.LinkAsync(_world.Plan);

        var error = await Assert.ThrowsAsync<StorageException>(() => _world.Service.UnlinkAsync(FilesWorld.Carol, link.Id));

        Assert.Equal(StorageErrorCode.Unauthorized, error.Code);
        Assert.NotNull(await _world.Links.GetAsync(link.Id));
    }

    [Fact]
    public async Task Unlinking_while_the_storage_is_down_keeps_the_link()
    {
        var link = await _world.LinkAsync(_world.Plan);
        _world.Storage.Faults.Inject(StorageOperation.GetFileInfo, StorageFault.Unavailable);

        var error = await Assert.ThrowsAsync<StorageException>(() => _world.Service.UnlinkAsync(FilesWorld.Alice, link.Id));

        Assert.Equal(StorageErrorCode.Unavailable, error.Code);
        Assert.NotNull(await _world.Links.GetAsync(link.Id));
    }

    [Fact]
    public async Task Unlinking_needs_the_manage_permission()
    {
        var link = await _world.LinkAsync(_world.Plan);

        var error = await Assert.ThrowsAsync<StorageException>(() => _world.Service.UnlinkAsync(FilesWorld.Bob, link.Id));

        Assert.Equal(StorageErrorCode.PermissionMissing, error.Code);
        Assert.NotNull(await _world.Links.GetAsync(link.Id));
    }

    [Fact]
    public async Task Unlinking_an_unknown_link_says_not_found()
    {
        var error = await Assert.ThrowsAsync<StorageException>(() => _world.Service.UnlinkAsync(FilesWorld.Alice, new FileLinkId("404")));

        Assert.Equal(StorageErrorCode.NotFound, error.Code);
    }
}
