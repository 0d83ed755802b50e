using System.Text;

namespace OpenProject.Storages.Nextcloud.Tests.Live;

[Collection(LiveNextcloudTestGroup.Name)]
public sealed class LiveNextcloudTests(LiveNextcloudFixture fixture)
{
    private static readonly StorageActor Actor = StorageActor.TechnicalUser;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_root_can_be_listed()
    {
        var storage = fixture.Require();

        var listing = await storage.ListFolderAsync(Actor, StoragePath.Root, _ct);

        Assert.Equal("Root", listing.Folder.Name);
        Assert.True(listing.Folder.IsFolder);
    }

    [Fact]
    public async Task A_folder_lives_through_upload_info_download_move_and_delete()
    {
        var storage = fixture.Require();
        var folderName = "OpenProject.Storages live " + Guid.NewGuid().ToString("N")[..8] + " ü+#";
        var folder = await storage.CreateFolderAsync(Actor, StoragePath.Root, folderName, _ct);
        try
        {
            var conflict = await Assert.ThrowsAsync<StorageException>(() => storage.CreateFolderAsync(Actor, StoragePath.Root, folderName, _ct));
            Assert.Equal(StorageErrorCode.Conflict, conflict.Code);

            var small = await storage.UploadAsync(Actor, folder.Location, "🍑 small.txt", new MemoryStream(Encoding.UTF8.GetBytes("hello")), NameConflictPolicy.Fail, _ct);
            var again = await storage.UploadAsync(Actor, folder.Location, "🍑 small.txt", new MemoryStream(Encoding.UTF8.GetBytes("again")), NameConflictPolicy.KeepBoth, _ct);
            Assert.Equal("🍑 small (2).txt", again.Name);
            var failed = await Assert.ThrowsAsync<StorageException>(() => storage.UploadAsync(Actor, folder.Location, "🍑 small.txt", new MemoryStream([1]), NameConflictPolicy.Fail, _ct));
            Assert.Equal(StorageErrorCode.Conflict, failed.Code);

            var big = new byte[(5 * 1024 * 1024) / 2];
            Random.Shared.NextBytes(big);
            var chunked = await storage.UploadAsync(Actor, folder.Location, "big.bin", new MemoryStream(big), NameConflictPolicy.Fail, _ct);
            Assert.Equal(big.Length, chunked.Size);

            var info = await storage.GetFileInfoAsync(Actor, small.Id, _ct);
            Assert.Equal(small.Location, info.Location);
            var infos = await storage.GetFileInfosAsync(Actor, [small.Id, chunked.Id, new FileId("999999999")], _ct);
            Assert.Equal(FileInfoStatus.Found, infos[chunked.Id].Status);
            Assert.Equal(FileInfoStatus.NotFound, infos[new FileId("999999999")].Status);

            await using (var stream = await storage.OpenReadAsync(Actor, chunked.Id, _ct))
            {
                var copy = new MemoryStream();
                await stream.CopyToAsync(copy, _ct);
                Assert.Equal(big, copy.ToArray());
            }

            var link = await storage.GetDownloadLinkAsync(Actor, small.Id, _ct);
            Assert.True(link.IsAbsoluteUri);
            var upload = await storage.CreateUploadLinkAsync(Actor, folder.Id, "report.pdf", NameConflictPolicy.Fail, _ct);
            Assert.True(upload.ExpiresAt > DateTimeOffset.UtcNow);

            var moved = await storage.MoveAsync(Actor, small.Location, folder.Location.Combine("renamed äö.txt"), _ct);
            Assert.Equal(small.Id, moved.Id);
            var taken = await Assert.ThrowsAsync<StorageException>(() => storage.MoveAsync(Actor, again.Location, moved.Location, _ct));
            Assert.Equal(StorageErrorCode.Conflict, taken.Code);

            var map = await storage.GetPathToIdMapAsync(Actor, folder.Location, PathMapDepth.All, _ct);
            Assert.Equal(moved.Id, map[moved.Location]);
        }
        finally
        {
            await storage.DeleteAsync(Actor, folder.Location, CancellationToken.None);
        }

        var gone = await Assert.ThrowsAsync<StorageException>(() => storage.ListFolderAsync(Actor, folder.Location, _ct));
        Assert.Equal(StorageErrorCode.NotFound, gone.Code);
    }
}
