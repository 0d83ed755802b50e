using static OpenProject.Storages.Testing.Tests.Files.StorageScenario;

namespace OpenProject.Storages.Testing.Tests.Files;

public sealed class InMemoryFileStorageTests
{
    private readonly StorageScenario _scenario = new();

    private InMemoryFileStorage Storage => _scenario.Storage;

    [Fact]
    public async Task A_host_user_who_never_connected_is_Unauthorized()
    {
        var stranger = StorageActor.ForUser(new HostUserId("stranger"));

        var error = await Assert.ThrowsAsync<StorageException>(() => Storage.ListFolderAsync(stranger, StoragePath.Root, Cancellation));

        Assert.Equal(StorageErrorCode.Unauthorized, error.Code);
        Assert.Equal(401, error.HttpStatus);
    }

    [Fact]
    public async Task A_disconnected_host_user_is_Unauthorized_until_connected_again()
    {
        Assert.True(Storage.IsConnected(AliceUser));
        Storage.Disconnect(AliceUser);

        Assert.False(Storage.IsConnected(AliceUser));
        var error = await Assert.ThrowsAsync<StorageException>(() => Storage.GetFileInfosAsync(Alice, [new FileId("1")], Cancellation));
        Assert.Equal(StorageErrorCode.Unauthorized, error.Code);

        Storage.Connect(AliceUser, "alice");
        Assert.True(Storage.IsConnected(AliceUser));
        await Storage.GetFileInfosAsync(Alice, [new FileId("1")], Cancellation);
    }

    [Fact]
    public void Connecting_to_an_unknown_account_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Storage.Connect(AliceUser, "nobody"));
    }

    [Fact]
    public async Task The_technical_user_is_always_connected_and_may_do_everything()
    {
        var folder = Storage.AddFolder(Path("/Projects"));
        Storage.Deny("alice", folder.Location);

        var created = await Storage.CreateFolderAsync(StorageActor.TechnicalUser, folder.Location, "Project 1", Cancellation);

        Assert.Equal(StoragePermissions.All, created.Permissions);
        Assert.Equal(InMemoryFileStorage.TechnicalUserDisplayName, created.CreatedByName);
    }

    [Fact]
    public async Task An_upload_records_the_clock_and_the_uploader_and_an_overwrite_the_modifier()
    {
        Storage.AddFolder(Path("/Docs"));
        using var first = Content("first");
        var uploaded = await Storage.UploadAsync(Alice, Path("/Docs"), "plan.txt", first, cancellationToken: Cancellation);
        _scenario.Time.Advance(TimeSpan.FromHours(2));
        Storage.Grant("bob", Path("/Docs"), StoragePermissions.All);
        using var second = Content("second version");

        var overwritten = await Storage.UploadAsync(Bob, Path("/Docs"), "plan.txt", second, NameConflictPolicy.Overwrite, Cancellation);

        Assert.Equal(uploaded.Id, overwritten.Id);
        Assert.Equal("Alice Adams", overwritten.CreatedByName);
        Assert.Equal("Bob Brown", overwritten.LastModifiedByName);
        Assert.Equal(_scenario.Time.GetUtcNow() - TimeSpan.FromHours(2), overwritten.CreatedAt);
        Assert.Equal(_scenario.Time.GetUtcNow(), overwritten.LastModifiedAt);
        Assert.Equal(14, overwritten.Size);
        Assert.Equal("text/plain", overwritten.MimeType);
        Assert.Equal("second version"u8.ToArray(), Storage.GetContent(uploaded.Id));
    }

    [Fact]
    public async Task Keeping_both_numbers_names_without_an_extension_too()
    {
        Storage.AddFile(Path("/notes"), "one");
        using var content = Content("two");

        var second = await Storage.UploadAsync(Alice, StoragePath.Root, "notes", content, NameConflictPolicy.KeepBoth, Cancellation);

        Assert.Equal("notes (2)", second.Name);
    }

    [Fact]
    public async Task Overwriting_a_folder_with_a_file_is_a_Conflict()
    {
        Storage.AddFolder(Path("/Reports"));
        using var content = Content("file");

        var error = await Assert.ThrowsAsync<StorageException>(() => Storage.UploadAsync(Alice, StoragePath.Root, "Reports", content, NameConflictPolicy.Overwrite, Cancellation));

        Assert.Equal(StorageErrorCode.Conflict, error.Code);
    }

    [Fact]
    public async Task A_cancelled_upload_leaves_nothing_behind()
    {
        Storage.AddFolder(Path("/Inbox"));
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        using var content = new StreamThatCancels(cancellation);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Storage.UploadAsync(Alice, Path("/Inbox"), "big.bin", content, cancellationToken: cancellation.Token));

        Assert.Null(Storage.Find(Path("/Inbox/big.bin")));
    }

    [Fact]
    public async Task Concurrent_uploads_of_one_name_all_keep_their_own_numbered_file()
    {
        Storage.AddFolder(Path("/Inbox"));

        var uploads = Enumerable.Range(0, 20).Select(async i =>
        {
            using var content = Content($"upload {i}");
            return await Storage.UploadAsync(Alice, Path("/Inbox"), "report.pdf", content, NameConflictPolicy.KeepBoth, Cancellation);
        });
        var items = await Task.WhenAll(uploads);

        Assert.Equal(20, items.Select(item => item.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(20, (await Storage.ListFolderAsync(Alice, Path("/Inbox"), Cancellation)).Children.Count);
    }

    [Fact]
    public async Task A_folder_above_the_listing_cap_is_refused_by_the_buffered_listing_and_streams_whole()
    {
        for (var i = 0; i < 5; i++)
        {
            Storage.AddFile(Path($"/Big/file {i}.txt"), "x");
        }

        Storage.MaxListingEntries = 4;

        var error = await Assert.ThrowsAsync<StorageException>(() => Storage.ListFolderAsync(Alice, Path("/Big"), Cancellation));
        var streamed = new List<string>();
        await foreach (var item in Storage.EnumerateFolderAsync(Alice, Path("/Big"), Cancellation))
        {
            streamed.Add(item.Name);
        }

        Assert.Equal(StorageErrorCode.InvalidResponse, error.Code);
        Assert.Contains("more than 4 entries", error.Message, StringComparison.Ordinal);
        Assert.Contains("EnumerateFolderAsync", error.Message, StringComparison.Ordinal);
        Assert.Equal(5, streamed.Count);
        Storage.MaxListingEntries = 5;
        Assert.Equal(5, (await Storage.ListFolderAsync(Alice, Path("/Big"), Cancellation)).Children.Count);
    }

    [Fact]
    public async Task Moving_a_folder_into_itself_is_refused()
    {
        Storage.AddFolder(Path("/A/B"));

        var error = await Assert.ThrowsAsync<StorageException>(() => Storage.MoveAsync(Alice, Path("/A"), Path("/A/B/A"), Cancellation));

        Assert.Equal(StorageErrorCode.InvalidRequest, error.Code);
    }

    [Fact]
    public async Task A_download_stream_is_a_copy_of_the_content()
    {
        var file = Storage.AddFile(Path("/data.txt"), "data");

        await using var stream = await Storage.OpenReadAsync(Alice, file.Id, Cancellation);
        using var reader = new StreamReader(stream);

        Assert.Equal("data", await reader.ReadToEndAsync(Cancellation));
    }

    [Fact]
    public async Task A_download_link_carries_a_fresh_one_time_token()
    {
        var file = Storage.AddFile(Path("/data.txt"), "data");

        var first = await Storage.GetDownloadLinkAsync(Alice, file.Id, Cancellation);
        var second = await Storage.GetDownloadLinkAsync(Alice, file.Id, Cancellation);

        Assert.Equal("https", first.Scheme);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task An_upload_link_expires_an_hour_from_now()
    {
        var folder = Storage.AddFolder(Path("/Inbox"));

        var link = await Storage.CreateUploadLinkAsync(Alice, folder.Id, "report.pdf", NameConflictPolicy.Fail, Cancellation);

        Assert.Equal(_scenario.Time.GetUtcNow() + TimeSpan.FromHours(1), link.ExpiresAt);
        Assert.Equal("POST", link.Method);
    }

    [Fact]
    public void Open_links_point_to_the_file_or_its_folder()
    {
        Assert.Equal("https://storage.invalid/files/f/42?openfile=1", Storage.GetOpenLink(new FileId("42"), OpenLinkTarget.File).AbsoluteUri);
        Assert.Equal("https://storage.invalid/files/f/42?openfile=0", Storage.GetOpenLink(new FileId("42"), OpenLinkTarget.ContainingFolder).AbsoluteUri);
    }

    [Fact]
    public void Arranged_items_get_ids_that_survive_a_rename_and_content_to_assert_on()
    {
        var file = Storage.AddFile(Path("/Projects/Apollo/plan.pdf"), [1, 2, 3]);

        Assert.Equal("plan.pdf", file.Name);
        Assert.Equal("application/pdf", file.MimeType);
        Assert.Equal(3, file.Size);
        Assert.Equal(StorageItem.FolderMimeType, Storage.Find(Path("/Projects"))!.MimeType);
        Assert.Equal([1, 2, 3], Storage.GetContent(file.Id));
        Assert.Throws<ArgumentException>(() => Storage.AddFile(Path("/Projects/Apollo/plan.pdf"), "again"));
    }

    [Fact]
    public void Removing_an_item_removes_everything_in_it()
    {
        var file = Storage.AddFile(Path("/Old/deep/file.txt"), "old");

        Storage.Remove(Path("/Old"));

        Assert.Null(Storage.Find(file.Id));
        Assert.Null(Storage.Find(Path("/Old")));
    }

    private sealed class StreamThatCancels(CancellationTokenSource cancellation) : MemoryStream(new byte[1024])
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await cancellation.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
            return await base.ReadAsync(buffer, cancellationToken);
        }
    }
}
