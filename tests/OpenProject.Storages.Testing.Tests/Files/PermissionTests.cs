using static OpenProject.Storages.Testing.Tests.Files.StorageScenario;

namespace OpenProject.Storages.Testing.Tests.Files;

public sealed class PermissionTests
{
    private readonly StorageScenario _scenario = new();

    private InMemoryFileStorage Storage => _scenario.Storage;

    [Fact]
    public async Task Permissions_granted_on_a_folder_apply_to_everything_below_it()
    {
        Storage.AddFolder(Path("/Team"));
        var file = Storage.AddFile(Path("/Team/Sub/notes.txt"), "notes");

        Storage.Grant("bob", Path("/Team"), StoragePermissions.Read | StoragePermissions.Write);

        var info = await Storage.GetFileInfoAsync(Bob, file.Id, Cancellation);
        Assert.Equal(StoragePermissions.Read | StoragePermissions.Write, info.Permissions);
        Assert.Equal(StoragePermissions.Read | StoragePermissions.Write, Storage.EffectivePermissions("bob", Path("/Team/Sub")));
    }

    [Fact]
    public async Task A_grant_lower_in_the_tree_overrides_the_inherited_one()
    {
        var open = Storage.AddFile(Path("/Team/open.txt"), "open");
        var secret = Storage.AddFile(Path("/Team/Secret/plan.txt"), "plan");
        Storage.Deny("alice", Path("/Team/Secret"));

        var results = await Storage.GetFileInfosAsync(Alice, [open.Id, secret.Id], Cancellation);

        Assert.Equal(FileInfoStatus.Found, results[open.Id].Status);
        Assert.Equal(FileInfoStatus.Forbidden, results[secret.Id].Status);
        var error = await Assert.ThrowsAsync<StorageException>(() => Storage.GetFileInfoAsync(Alice, secret.Id, Cancellation));
        Assert.Equal(StorageErrorCode.Forbidden, error.Code);
    }

    [Fact]
    public async Task A_grant_stays_with_the_item_when_it_moves()
    {
        var secret = Storage.AddFile(Path("/secret.txt"), "secret");
        Storage.AddFolder(Path("/Archive"));
        Storage.Deny("bob", Path("/secret.txt"));

        await Storage.MoveAsync(Alice, Path("/secret.txt"), Path("/Archive/secret.txt"), Cancellation);

        var error = await Assert.ThrowsAsync<StorageException>(() => Storage.GetFileInfoAsync(Bob, secret.Id, Cancellation));
        Assert.Equal(StorageErrorCode.Forbidden, error.Code);
    }

    [Fact]
    public async Task A_listing_shows_only_what_the_user_may_read_with_their_permissions()
    {
        Storage.AddFile(Path("/Team/open.txt"), "open");
        Storage.AddFile(Path("/Team/hidden.txt"), "hidden");
        Storage.Deny("bob", Path("/Team/hidden.txt"));

        var listing = await Storage.ListFolderAsync(Bob, Path("/Team"), Cancellation);

        var child = Assert.Single(listing.Children);
        Assert.Equal("open.txt", child.Name);
        Assert.Equal(StoragePermissions.Read, child.Permissions);
        Assert.Equal([StoragePath.Root], listing.Ancestors);
    }

    [Fact]
    public async Task A_read_only_user_cannot_write_create_or_delete()
    {
        Storage.AddFile(Path("/Team/file.txt"), "file");
        using var content = Content("new");

        var upload = await Assert.ThrowsAsync<StorageException>(() => Storage.UploadAsync(Bob, Path("/Team"), "new.txt", content, cancellationToken: Cancellation));
        var overwrite = await Assert.ThrowsAsync<StorageException>(() => Storage.UploadAsync(Bob, Path("/Team"), "file.txt", content, NameConflictPolicy.Overwrite, Cancellation));
        var create = await Assert.ThrowsAsync<StorageException>(() => Storage.CreateFolderAsync(Bob, Path("/Team"), "New", Cancellation));
        var move = await Assert.ThrowsAsync<StorageException>(() => Storage.MoveAsync(Bob, Path("/Team/file.txt"), Path("/Team/renamed.txt"), Cancellation));
        var delete = await Assert.ThrowsAsync<StorageException>(() => Storage.DeleteAsync(Bob, Path("/Team/file.txt"), Cancellation));

        Assert.All([upload, overwrite, create, move, delete], error => Assert.Equal(StorageErrorCode.Forbidden, error.Code));
        Assert.Equal("file"u8.ToArray(), Storage.GetContent(Storage.Find(Path("/Team/file.txt"))!.Id));
    }

    [Fact]
    public async Task An_upload_link_for_a_folder_the_user_may_not_create_in_is_not_found_as_Nextcloud_answers()
    {
        var folder = Storage.AddFolder(Path("/Team"));

        var error = await Assert.ThrowsAsync<StorageException>(() => Storage.CreateUploadLinkAsync(Bob, folder.Id, "report.pdf", NameConflictPolicy.Fail, Cancellation));

        Assert.Equal(StorageErrorCode.NotFound, error.Code);
    }
}
