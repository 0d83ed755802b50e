using NSubstitute;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Abstractions.Tests.Links;

public sealed class LinkingTests
{
    private readonly FilesWorld _world = new();

    [Fact]
    public async Task Linking_takes_the_origin_data_from_the_storage()
    {
        var link = await _world.LinkAsync(_world.Plan);

        Assert.Equal(_world.Plan.Id, link.OriginId);
        Assert.Equal("plan.pdf", link.Origin.Name);
        Assert.Equal("application/pdf", link.Origin.MimeType);
        Assert.Equal("Alice Admin", link.Origin.CreatedByName);
        Assert.Equal(_world.Plan.LastModifiedAt, link.Origin.LastModifiedAt);
        Assert.Equal(FilesWorld.Alice, link.CreatedBy);
        Assert.Equal(FilesWorld.WorkPackage, link.Container);
    }

    [Fact]
    public async Task Linking_many_files_reads_them_in_one_bulk_request()
    {
        _world.Storage.ResetRequestCounts();

        var links = await _world.Service.LinkFilesAsync(FilesWorld.Alice, FilesWorld.WorkPackage, FilesWorld.CloudId, [_world.Plan.Id, _world.Notes.Id, _world.Projects.Id]);

        Assert.Equal(["plan.pdf", "notes.md", "Projects"], links.Select(link => link.Origin.Name));
        Assert.Equal(1, _world.Storage.RequestCount(StorageOperation.GetFileInfos));
        Assert.Equal(0, _world.Storage.RequestCount(StorageOperation.GetFileInfo));
    }

    [Fact]
    public async Task Linking_a_folder_keeps_the_folder_type()
    {
        var link = await _world.LinkAsync(_world.Projects);

        Assert.Equal(StorageItem.FolderMimeType, link.Origin.MimeType);
    }

    [Fact]
    public async Task Linking_a_file_twice_returns_the_existing_link()
    {
        var first = await _world.LinkAsync(_world.Plan);
        var second = await _world.LinkAsync(_world.Plan);

        Assert.Equal(first.Id, second.Id);
        Assert.Single(await _world.Links.ListByContainerAsync(FilesWorld.WorkPackage));
    }

    [Fact]
    public async Task Linking_without_the_manage_permission_is_refused_before_the_storage_is_asked()
    {
        _world.Storage.ResetRequestCounts();

        var error = await Assert.ThrowsAsync<StorageException>(() => _world.Service.LinkFilesAsync(FilesWorld.Bob, FilesWorld.WorkPackage, FilesWorld.CloudId, [_world.Plan.Id]));

        Assert.Equal(StorageErrorCode.PermissionMissing, error.Code);
        Assert.Equal(0, _world.Storage.RequestCount(StorageOperation.GetFileInfos));
        Assert.Empty(await _world.Links.ListByContainerAsync(FilesWorld.WorkPackage));
    }

    [Fact]
    public async Task Linking_a_file_the_user_may_not_see_links_nothing_at_all()
    {
        _world.Authorization.AllowManage(FilesWorld.Bob, FilesWorld.WorkPackage);

        var error = await Assert.ThrowsAsync<StorageException>(() => _world.Service.LinkFilesAsync(FilesWorld.Bob, FilesWorld.WorkPackage, FilesWorld.CloudId, [_world.Plan.Id, _world.Salaries.Id]));

        Assert.Equal(StorageErrorCode.Forbidden, error.Code);
        Assert.Contains(_world.Salaries.Id.Value, error.Message, StringComparison.Ordinal);
        Assert.Empty(await _world.Links.ListByContainerAsync(FilesWorld.WorkPackage));
    }

    [Fact]
    public async Task Linking_a_deleted_file_links_nothing()
    {
        _world.Storage.Remove(_world.Notes.Id);

        var error = await Assert.ThrowsAsync<StorageException>(() => _world.Service.LinkFilesAsync(FilesWorld.Alice, FilesWorld.WorkPackage, FilesWorld.CloudId, [_world.Plan.Id, _world.Notes.Id]));

        Assert.Equal(StorageErrorCode.NotFound, error.Code);
        Assert.Empty(await _world.Links.ListByContainerAsync(FilesWorld.WorkPackage));
    }

    [Fact]
    public async Task Linking_as_a_user_who_is_not_logged_in_asks_for_login()
    {
        var error = await Assert.ThrowsAsync<StorageException>(() => _world.Service.LinkFilesAsync(FilesWorld.Carol, FilesWorld.WorkPackage, FilesWorld.CloudId, [_world.Plan.Id]));

        Assert.Equal(StorageErrorCode.Unauthorized, error.Code);
        Assert.Empty(await _world.Links.ListByContainerAsync(FilesWorld.WorkPackage));
    }

    [Fact]
    public async Task A_link_pushed_from_the_storage_side_is_verified_with_the_users_access()
    {
        // The caller claims a name; the service ignores claims and reads the storage itself.
        _world.Authorization.AllowManage(FilesWorld.Bob, FilesWorld.WorkPackage);

        await Assert.ThrowsAsync<StorageException>(() => _world.Service.LinkFilesAsync(FilesWorld.Bob, FilesWorld.WorkPackage, FilesWorld.CloudId, [_world.Salaries.Id]));
        var link = (await _world.Service.LinkFilesAsync(FilesWorld.Bob, FilesWorld.WorkPackage, FilesWorld.CloudId, [_world.Plan.Id])).Single();

        Assert.Equal("plan.pdf", link.Origin.Name);
    }

    [Fact]
    public async Task Linking_needs_at_least_one_file() =>
        await Assert.ThrowsAsync<ArgumentException>(() => _world.Service.LinkFilesAsync(FilesWorld.Alice, FilesWorld.WorkPackage, FilesWorld.CloudId, []));

    [Fact]
    public async Task Linking_to_an_unknown_storage_says_it_is_not_configured()
    {
        var error = await Assert.ThrowsAsync<StorageException>(() => _world.Service.LinkFilesAsync(FilesWorld.Alice, FilesWorld.WorkPackage, new StorageId("elsewhere"), [_world.Plan.Id]));

        Assert.Equal(StorageErrorCode.NotConfigured, error.Code);
    }

    [Fact]
    public async Task The_reverse_lookup_shows_only_containers_the_user_may_view()
    {
        var other = ContainerRef.WorkPackage("7");
        _world.Authorization.AllowManage(FilesWorld.Alice, other);
        await _world.LinkAsync(_world.Plan);
        await _world.Service.LinkFilesAsync(FilesWorld.Alice, other, FilesWorld.CloudId, [_world.Plan.Id]);

        var forAlice = await _world.Service.ListLinksToFileAsync(FilesWorld.Alice, FilesWorld.CloudId, _world.Plan.Id);
        var forBob = await _world.Service.ListLinksToFileAsync(FilesWorld.Bob, FilesWorld.CloudId, _world.Plan.Id);

        Assert.Equal([FilesWorld.WorkPackage, other], forAlice.Select(link => link.Container));
        Assert.Equal([FilesWorld.WorkPackage], forBob.Select(link => link.Container));
    }

    [Fact]
    public void Two_storages_with_one_id_are_refused_at_start()
    {
        var first = Substitute.For<IFileStorage>();
        var second = Substitute.For<IFileStorage>();
        first.Id.Returns(FilesWorld.CloudId);
        second.Id.Returns(FilesWorld.CloudId);

        Assert.Throws<ArgumentException>(() => new FileStorageCatalog([first, second]));
    }
}
