using System.Net;
using OpenProject.Storages.Nextcloud.Tests.Fixtures;
using OpenProject.Storages.Nextcloud.Tests.StandIn;
using OpenProject.Storages.Testing;
using static OpenProject.Storages.Nextcloud.Tests.StandIn.ScriptedNextcloud;

namespace OpenProject.Storages.Nextcloud.Tests.Upload;

/// <summary>What is linked is what was uploaded: an answer about another item is never taken for the one written.</summary>
public sealed class ReadBackIdentityTests : IDisposable
{
    private const int MiB = 1024 * 1024;
    private const string Folder = "remote.php/dav/files/alice/Docs";
    private static readonly StoragePath Docs = StoragePath.Parse("/Docs");
    private readonly NextcloudTestHost _host = new(configure: o => { o.ChunkedUploadThreshold = 2 * MiB; o.UploadChunkSize = MiB; });
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _host.Dispose();

    private void ScriptPut(string escapedName) => _host.Server.On("PUT", Folder + "/" + escapedName, HttpStatusCode.Created);

    private void ScriptReadBack(string escapedName, string answer) =>
        _host.Server.On("PROPFIND", Folder + "/" + escapedName, HttpStatusCode.MultiStatus, Recorded.MultiStatus(answer));

    private void ScriptChunkedUpload()
    {
        _host.Server.On("MKCOL", p => p.StartsWith("remote.php/dav/uploads/alice/openproject-", StringComparison.Ordinal), _ => Respond(HttpStatusCode.Created));
        _host.Server.On("PUT", p => p.StartsWith("remote.php/dav/uploads/alice/", StringComparison.Ordinal), _ => Respond(HttpStatusCode.Created));
        _host.Server.On("MOVE", p => p.EndsWith("/.file", StringComparison.Ordinal), _ => Respond(HttpStatusCode.Created));
    }

    private Task<StorageItem> UploadAsync(string name, int length = 3) =>
        _host.Storage.UploadAsync(NextcloudTestHost.Alice, Docs, name, new MemoryStream(new byte[length]), NameConflictPolicy.Fail, _ct);

    [Fact]
    public async Task A_read_back_that_answers_with_another_file_is_reported_as_stored_but_not_linked_naming_the_stored_path()
    {
        ScriptPut("minutes.txt");
        ScriptReadBack("minutes.txt", Recorded.Response("/" + Folder + "/salaries.xlsx", 666, folder: false));

        var error = await Assert.ThrowsAsync<FileStoredButNotLinkedException>(() => UploadAsync("minutes.txt"));

        Assert.Equal(StorageErrorCode.InvalidResponse, error.Code);
        Assert.Equal(StoragePath.Parse("/Docs/minutes.txt"), error.StoredPath);
        Assert.Null(error.StoredFile);
        Assert.Contains("'/Docs/minutes.txt'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("666", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chunked_upload_whose_read_back_names_another_file_is_reported_as_stored_but_not_linked()
    {
        ScriptChunkedUpload();
        ScriptReadBack("big.bin", Recorded.Response("/" + Folder + "/other.bin", 666, folder: false));

        var error = await Assert.ThrowsAsync<FileStoredButNotLinkedException>(() => UploadAsync("big.bin", 3 * MiB));

        Assert.Equal(StorageErrorCode.InvalidResponse, error.Code);
        Assert.Equal(StoragePath.Parse("/Docs/big.bin"), error.StoredPath);
    }

    [Fact]
    public async Task A_read_back_without_a_file_id_is_reported_as_stored_but_not_linked()
    {
        ScriptPut("a.txt");
        ScriptReadBack("a.txt", Recorded.Response("/" + Folder + "/a.txt", 7, folder: false).Replace("<oc:fileid>7</oc:fileid>", "", StringComparison.Ordinal).Replace("<oc:id>00000007" + Recorded.InstanceId + "</oc:id>", "", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<FileStoredButNotLinkedException>(() => UploadAsync("a.txt"));

        Assert.Equal(StorageErrorCode.InvalidResponse, error.Code);
        Assert.Equal(StoragePath.Parse("/Docs/a.txt"), error.StoredPath);
    }

    [Fact]
    public async Task A_read_back_that_fails_is_reported_as_stored_but_not_linked_with_its_cause()
    {
        ScriptPut("a.txt");
        _host.Server.On("PROPFIND", Folder + "/a.txt", HttpStatusCode.NotFound, Recorded.SabreError("NotFound", "File with name a.txt could not be located"));

        var error = await Assert.ThrowsAsync<FileStoredButNotLinkedException>(() => UploadAsync("a.txt"));

        Assert.Equal(StorageErrorCode.NotFound, error.Code);
        Assert.Equal(StoragePath.Parse("/Docs/a.txt"), error.StoredPath);
        Assert.IsType<StorageException>(error.InnerException);
    }

    [Fact]
    public async Task A_read_back_that_answers_with_a_folder_is_reported_as_stored_but_not_linked()
    {
        ScriptPut("a.txt");
        ScriptReadBack("a.txt", Recorded.Response("/" + Folder + "/a.txt/", 7, folder: true));

        var error = await Assert.ThrowsAsync<FileStoredButNotLinkedException>(() => UploadAsync("a.txt"));

        Assert.Equal(StorageErrorCode.InvalidResponse, error.Code);
    }

    [Fact]
    public async Task A_read_back_in_the_NFC_form_of_an_NFD_name_is_the_file_written_as_Nextcloud_normalises_names()
    {
        const string decomposed = "Mu\u0308ller.txt";
        ScriptPut("Mu%CC%88ller.txt");
        ScriptReadBack("Mu%CC%88ller.txt", Recorded.Response("/" + Folder + "/M%C3%BCller.txt", 8, folder: false));

        var item = await UploadAsync(decomposed);

        Assert.Equal(new FileId("8"), item.Id);
        Assert.Equal("M\u00FCller.txt", item.Name);
    }

    [Fact]
    public async Task Upload_and_link_creates_no_link_when_the_read_back_names_another_file()
    {
        ScriptPut("minutes.txt");
        ScriptReadBack("minutes.txt", Recorded.Response("/" + Folder + "/salaries.xlsx", 666, folder: false));
        var user = new HostUserId("42");
        var workPackage = ContainerRef.WorkPackage("7");
        var links = new InMemoryFileLinkRepository();
        var authorization = new InMemoryFileLinkAuthorization();
        authorization.AllowManage(user, workPackage);
        var service = new FileLinkService(new FileStorageCatalog([_host.Storage]), links, authorization, new DefaultStorageProblemDescriber());

        var error = await Assert.ThrowsAsync<FileStoredButNotLinkedException>(() => service.UploadAndLinkAsync(user, workPackage, _host.Storage.Id, Docs, new FileUpload { FileName = "minutes.txt", Content = new MemoryStream([1, 2, 3]) }, cancellationToken: _ct));

        Assert.Equal(StoragePath.Parse("/Docs/minutes.txt"), error.StoredPath);
        Assert.Empty(links.All);
    }

    [Fact]
    public async Task A_created_folder_whose_read_back_names_another_folder_is_an_invalid_response()
    {
        _host.Server.On("MKCOL", Folder + "/New", HttpStatusCode.Created);
        ScriptReadBack("New", Recorded.Response("/" + Folder + "/Old/", 5, folder: true));

        var error = await Assert.ThrowsAsync<StorageException>(() => _host.Storage.CreateFolderAsync(NextcloudTestHost.Alice, Docs, "New", _ct));

        Assert.Equal(StorageErrorCode.InvalidResponse, error.Code);
    }

    [Fact]
    public async Task A_moved_item_whose_read_back_names_another_item_is_an_invalid_response()
    {
        _host.Server.On("MOVE", Folder + "/a.txt", HttpStatusCode.Created);
        ScriptReadBack("b.txt", Recorded.Response("/" + Folder + "/c.txt", 9, folder: false));

        var error = await Assert.ThrowsAsync<StorageException>(() => _host.Storage.MoveAsync(NextcloudTestHost.Alice, StoragePath.Parse("/Docs/a.txt"), StoragePath.Parse("/Docs/b.txt"), _ct));

        Assert.Equal(StorageErrorCode.InvalidResponse, error.Code);
    }

    [Fact]
    public async Task A_listing_without_the_folder_itself_is_an_invalid_response_not_its_first_entry()
    {
        _host.Server.On("PROPFIND", Folder, HttpStatusCode.MultiStatus, Recorded.MultiStatus(
            Recorded.Response("/" + Folder + "/Other/", 5, folder: true),
            Recorded.Response("/" + Folder + "/Other/a.txt", 6, folder: false)));

        var listing = await Assert.ThrowsAsync<StorageException>(() => _host.Storage.ListFolderAsync(NextcloudTestHost.Alice, Docs, _ct));
        var streamed = await Assert.ThrowsAsync<StorageException>(async () =>
        {
            await foreach (var item in _host.Storage.EnumerateFolderAsync(NextcloudTestHost.Alice, Docs, _ct))
            {
                Assert.Fail($"The stream handed out {item.Location} before it knew the answer was about the folder.");
            }
        });

        Assert.Equal(StorageErrorCode.InvalidResponse, listing.Code);
        Assert.Equal(StorageErrorCode.InvalidResponse, streamed.Code);
    }

    // Not theory data: test case serialisation would turn the lone surrogates into U+FFFD before the test saw them.
    [Fact]
    public async Task Names_with_a_lone_surrogate_are_refused_before_any_request()
    {
        foreach (var name in (string[])["high \uD83D alone.txt", "low \uDE00 alone.txt", "\uDE00\uD83D reversed.txt", "ends high \uD83D"])
        {
            await Assert.ThrowsAsync<ArgumentException>(() => UploadAsync(name));
            await Assert.ThrowsAsync<ArgumentException>(() => _host.Storage.CreateFolderAsync(NextcloudTestHost.Alice, Docs, name, _ct));
            await Assert.ThrowsAsync<ArgumentException>(() => _host.Storage.MoveAsync(NextcloudTestHost.Alice, StoragePath.Parse("/Docs/a.txt"), Docs.Combine(name), _ct));
        }

        Assert.Empty(_host.Server.RequestList);
    }
}
