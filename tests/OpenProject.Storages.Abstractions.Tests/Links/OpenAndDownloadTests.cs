namespace OpenProject.Storages.Abstractions.Tests.Links;

public sealed class OpenAndDownloadTests
{
    private readonly FilesWorld _world = new();

    [Theory]
    [InlineData(OpenLinkTarget.File)]
    [InlineData(OpenLinkTarget.ContainingFolder)]
    public async Task Opening_a_visible_file_gives_the_storages_link(OpenLinkTarget target)
    {
        var link = await _world.LinkAsync(_world.Plan);

        var url = await _world.Service.GetOpenLinkAsync(FilesWorld.Bob, link.Id, target);

        Assert.Equal(_world.Storage.GetOpenLink(_world.Plan.Id, target), url);
    }

    [Fact]
    public async Task Opening_a_file_the_storage_hides_from_the_user_is_refused()
    {
        var link = await _world.LinkAsync(_world.Salaries);

        var error = await Assert.ThrowsAsync<StorageException>(() => _world.Service.GetOpenLinkAsync(FilesWorld.Bob, link.Id, OpenLinkTarget.File));

        Assert.Equal(StorageErrorCode.Forbidden, error.Code);
    }

    [Fact]
    public async Task Opening_a_deleted_file_says_not_found()
    {
        var link = await _world.LinkAsync(_world.Plan);
        _world.Storage.Remove(_world.Plan.Id);

        var error = await Assert.ThrowsAsync<StorageException>(() => _world.Service.GetOpenLinkAsync(FilesWorld.Alice, link.Id, OpenLinkTarget.File));

        Assert.Equal(StorageErrorCode.NotFound, error.Code);
    }

    [Fact]
    public async Task Downloading_streams_the_content_with_the_users_access()
    {
        var link = await _world.LinkAsync(_world.Plan);

        await using var content = await _world.Service.OpenReadAsync(FilesWorld.Bob, link.Id);
        using var reader = new StreamReader(content);

        Assert.Equal("plan", await reader.ReadToEndAsync(TestContext.Current.CancellationToken));
        Assert.NotNull(await _world.Service.GetDownloadLinkAsync(FilesWorld.Bob, link.Id));
    }

    [Fact]
    public async Task Downloading_a_hidden_file_is_refused()
    {
        var link = await _world.LinkAsync(_world.Salaries);

        var error = await Assert.ThrowsAsync<StorageException>(() => _world.Service.GetDownloadLinkAsync(FilesWorld.Bob, link.Id));

        Assert.Equal(StorageErrorCode.Forbidden, error.Code);
    }

    [Fact]
    public async Task Opening_needs_the_view_permission_on_the_container()
    {
        var link = await _world.LinkAsync(_world.Plan);

        var error = await Assert.ThrowsAsync<StorageException>(() => _world.Service.GetOpenLinkAsync(new HostUserId("mallory"), link.Id, OpenLinkTarget.File));

        Assert.Equal(StorageErrorCode.PermissionMissing, error.Code);
    }

    [Fact]
    public async Task An_unknown_link_is_not_found()
    {
        var error = await Assert.ThrowsAsync<StorageException>(() => _world.Service.GetOpenLinkAsync(FilesWorld.Alice, new FileLinkId("nope"), OpenLinkTarget.File));

        Assert.Equal(StorageErrorCode.NotFound, error.Code);
    }
}
