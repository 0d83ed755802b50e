using System.Net;
using OpenProject.Storages.Nextcloud.Tests.Fixtures;
using OpenProject.Storages.Nextcloud.Tests.StandIn;
using static OpenProject.Storages.Nextcloud.Tests.StandIn.ScriptedNextcloud;

namespace OpenProject.Storages.Nextcloud.Tests.Files;

public sealed class FileOperationTests : IDisposable
{
    private readonly NextcloudTestHost _host = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Listing_a_folder_sends_a_depth_1_propfind_as_the_user_and_maps_folder_children_and_breadcrumb()
    {
        _host.Server.On("PROPFIND", "remote.php/dav/files/alice/Project%20Docs", HttpStatusCode.MultiStatus, Recorded.FolderListing);

        var listing = await _host.Storage.ListFolderAsync(NextcloudTestHost.Alice, StoragePath.Parse("/Project Docs"), _ct);

        var request = Assert.Single(_host.Server.RequestList);
        Assert.Equal("1", request.Header("Depth"));
        Assert.Equal("Bearer " + FakeTokenProvider.FirstToken, request.Header("Authorization"));
        Assert.Contains("<oc:fileid/>", request.BodyText, StringComparison.Ordinal);
        Assert.Equal(new FileId("34"), listing.Folder.Id);
        Assert.Equal("Project Docs", listing.Folder.Name);
        Assert.Equal(StorageItem.FolderMimeType, listing.Folder.MimeType);
        Assert.Equal(StoragePermissions.Read | StoragePermissions.Write | StoragePermissions.Create | StoragePermissions.Delete | StoragePermissions.Share, listing.Folder.Permissions);
        var file = Assert.Single(listing.Children);
        Assert.Equal("hello world.txt", file.Name);
        Assert.Equal(StorageItemKind.File, file.Kind);
        Assert.Equal("text/plain", file.MimeType);
        Assert.Equal(20, file.Size);
        Assert.Equal("Alice Example", file.CreatedByName);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), file.CreatedAt);
        Assert.Equal(StoragePermissions.Read | StoragePermissions.Write | StoragePermissions.Delete | StoragePermissions.Share, file.Permissions);
        Assert.Equal([StoragePath.Root], listing.Ancestors);
    }

    [Fact]
    public async Task The_root_is_named_Root_and_children_come_folders_first_then_by_name()
    {
        _host.Server.On("PROPFIND", "remote.php/dav/files/alice", HttpStatusCode.MultiStatus, Recorded.MultiStatus(
            Recorded.Response("/remote.php/dav/files/alice/", 2, folder: true, "RGDNVCK"),
            Recorded.Response("/remote.php/dav/files/alice/zeta.md", 10, folder: false),
            Recorded.Response("/remote.php/dav/files/alice/Beta/", 11, folder: true, "RGDNVCK"),
            Recorded.Response("/remote.php/dav/files/alice/alpha.pdf", 12, folder: false, contentType: "application/pdf"),
            Recorded.Response("/remote.php/dav/files/alice/%C3%9Cml%C3%A6%C3%BBts/", 13, folder: true, "RGDNVCK")));

        var listing = await _host.Storage.ListFolderAsync(NextcloudTestHost.Alice, StoragePath.Root, _ct);

        Assert.Equal("Root", listing.Folder.Name);
        Assert.Empty(listing.Ancestors);
        Assert.Equal(["Beta", "Ümlæûts", "alpha.pdf", "zeta.md"], listing.Children.Select(c => c.Name));
    }

    [Fact]
    public async Task Children_with_the_same_kind_are_ordered_by_name_ordinally_so_upper_case_comes_first()
    {
        // Regression (found by the conformance kit): names were compared ignoring case, so "a.txt" came before "B.txt".
        _host.Server.On("PROPFIND", "remote.php/dav/files/alice/Docs", HttpStatusCode.MultiStatus, Recorded.MultiStatus(
            Recorded.Response("/remote.php/dav/files/alice/Docs/", 2, folder: true, "RGDNVCK"),
            Recorded.Response("/remote.php/dav/files/alice/Docs/z.txt", 10, folder: false),
            Recorded.Response("/remote.php/dav/files/alice/Docs/a.txt", 11, folder: false),
            Recorded.Response("/remote.php/dav/files/alice/Docs/b%20folder/", 12, folder: true, "RGDNVCK"),
            Recorded.Response("/remote.php/dav/files/alice/Docs/B.txt", 13, folder: false),
            Recorded.Response("/remote.php/dav/files/alice/Docs/A%20folder/", 14, folder: true, "RGDNVCK")));

        var listing = await _host.Storage.ListFolderAsync(NextcloudTestHost.Alice, StoragePath.Parse("/Docs"), _ct);

        Assert.Equal(["A folder", "b folder", "B.txt", "a.txt", "z.txt"], listing.Children.Select(c => c.Name));
    }

    [Fact]
    public async Task A_sub_path_install_builds_urls_under_the_sub_path_and_reads_its_hrefs()
    {
        using var host = new NextcloudTestHost("https://cloud.example.com/nextcloud/");
        host.Server.On("PROPFIND", "remote.php/dav/files/alice/Docs", HttpStatusCode.MultiStatus, Recorded.MultiStatus(
            Recorded.Response("/nextcloud/remote.php/dav/files/alice/Docs/", 5, folder: true),
            Recorded.Response("/nextcloud/remote.php/dav/files/alice/Docs/a%2Bb%20%23c.txt", 6, folder: false)));

        var listing = await host.Storage.ListFolderAsync(NextcloudTestHost.Alice, StoragePath.Parse("/Docs"), _ct);

        Assert.StartsWith("/nextcloud/remote.php/", Assert.Single(host.Server.RequestList).Uri.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal("/Docs/a+b #c.txt", Assert.Single(listing.Children).Location.ToString());
    }

    [Fact]
    public async Task Awkward_names_are_escaped_per_segment_in_request_urls()
    {
        _host.Server.On("PROPFIND", _ => true, _ => Respond(HttpStatusCode.MultiStatus, Recorded.MultiStatus(Recorded.Response("/remote.php/dav/files/alice/a%2Bb%20%23c%20100%25/%F0%9F%8D%91%20%C3%9C%3F/", 1, folder: true))));

        var listing = await _host.Storage.ListFolderAsync(NextcloudTestHost.Alice, StoragePath.Root.Combine("a+b #c 100%").Combine("🍑 Ü?"), _ct);

        Assert.Equal("🍑 Ü?", listing.Folder.Name);

        Assert.Equal("remote.php/dav/files/alice/a%2Bb%20%23c%20100%25/%F0%9F%8D%91%20%C3%9C%3F", Assert.Single(_host.Server.RequestList).RelativePath);
    }

    [Fact]
    public async Task The_technical_user_lists_its_own_files_with_basic_auth()
    {
        _host.Server.On("PROPFIND", "remote.php/dav/files/OpenProject/OpenProject", HttpStatusCode.MultiStatus, Recorded.MultiStatus(
            Recorded.Response("/remote.php/dav/files/OpenProject/OpenProject/", 100, folder: true, "RMGDNVCK")));

        var listing = await _host.Storage.ListFolderAsync(StorageActor.TechnicalUser, StoragePath.Parse("/OpenProject"), _ct);

        Assert.Equal(new FileId("100"), listing.Folder.Id);
        Assert.StartsWith("Basic ", Assert.Single(_host.Server.RequestList).Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_info_reads_the_integration_app_over_OCS_v1_with_the_OCS_header()
    {
        _host.Server.On("GET", "ocs/v1.php/apps/integration_openproject/fileinfo/39", _ => Json(HttpStatusCode.OK, Recorded.FileInfoV1));

        var item = await _host.Storage.GetFileInfoAsync(NextcloudTestHost.Alice, new FileId("39"), _ct);

        var request = Assert.Single(_host.Server.RequestList);
        Assert.Equal("true", request.Header("OCS-APIRequest"));
        Assert.Equal("application/json", request.Header("Accept"));
        Assert.Equal(new FileId("39"), item.Id);
        Assert.Equal("hello world.txt", item.Name);
        Assert.Equal("/Project Docs/hello world.txt", item.Location.ToString());
        Assert.Equal(StorageItemKind.File, item.Kind);
        Assert.Equal(20L, item.Size);
        Assert.Null(item.CreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795915899), item.LastModifiedAt);
        Assert.Null(item.LastModifiedByName);
    }

    [Fact]
    public async Task File_info_of_a_folder_has_the_folder_type_and_no_trailing_slash_in_its_location()
    {
        _host.Server.On("GET", "ocs/v1.php/apps/integration_openproject/fileinfo/350", _ => Json(HttpStatusCode.OK, Recorded.FileInfoFolderV1));

        var item = await _host.Storage.GetFileInfoAsync(NextcloudTestHost.Alice, new FileId("350"), _ct);

        Assert.True(item.IsFolder);
        Assert.Equal("/Ümlæûts", item.Location.ToString());
        Assert.Equal("Bob B.", item.LastModifiedByName);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1690000000), item.CreatedAt);
    }

    [Fact]
    public async Task Files_info_keeps_one_outcome_per_id_and_per_entry_failures_are_values()
    {
        _host.Server.On("POST", "ocs/v1.php/apps/integration_openproject/filesinfo", _ => Json(HttpStatusCode.OK, Recorded.FilesInfoMixed));
        FileId[] ids = [new("182"), new("1234"), new("222"), new("222"), new("not-a-number")];

        var results = await _host.Storage.GetFileInfosAsync(NextcloudTestHost.Alice, ids, _ct);

        Assert.Equal("""{"fileIds":[182,1234,222]}""", Assert.Single(_host.Server.RequestList).BodyText);
        Assert.Equal(4, results.Count);
        Assert.Equal(FileInfoStatus.Forbidden, results[new FileId("182")].Status);
        Assert.Equal(FileInfoStatus.NotFound, results[new FileId("1234")].Status);
        Assert.Equal(FileInfoStatus.NotFound, results[new FileId("not-a-number")].Status);
        var found = results[new FileId("222")];
        Assert.Equal(FileInfoStatus.Found, found.Status);
        Assert.Equal("/OpenProject/Scrum project (2)/Screenshot 2023-08-15 at 3.00.54 PM.jpg", found.Item!.Location.ToString());
        Assert.Equal(StoragePermissions.Read | StoragePermissions.Write | StoragePermissions.Delete | StoragePermissions.Share, found.Item.Permissions);
    }

    [Fact]
    public async Task Files_info_without_ids_sends_no_request()
    {
        var results = await _host.Storage.GetFileInfosAsync(NextcloudTestHost.Alice, [], _ct);

        Assert.Empty(results);
        Assert.Empty(_host.Server.RequestList);
    }

    [Fact]
    public async Task Files_info_splits_large_sets_into_batches_and_answers_every_id()
    {
        using var host = new NextcloudTestHost(configure: o => { o.FilesInfoBatchSize = 100; o.FilesInfoMaxConcurrency = 3; });
        host.Server.On("POST", "ocs/v1.php/apps/integration_openproject/filesinfo", request =>
        {
            var ids = System.Text.Json.JsonDocument.Parse(request.Body).RootElement.GetProperty("fileIds").EnumerateArray().Select(e => e.GetInt64());
            return Json(HttpStatusCode.OK, """{"ocs":{"meta":{"status":"ok","statuscode":100,"message":"OK"},"data":{""" + string.Join(',', ids.Select(Recorded.FilesInfoEntry)) + "}}}");
        });
        var wanted = Enumerable.Range(1, 250).Select(i => new FileId(i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();

        var results = await host.Storage.GetFileInfosAsync(NextcloudTestHost.Alice, wanted, _ct);

        Assert.Equal(3, host.Server.RequestList.Count);
        Assert.Equal(250, results.Count);
        Assert.All(wanted, id => Assert.Equal(FileInfoStatus.Found, results[id].Status));
        Assert.Equal(250L, results[new FileId("250")].Item!.Size);
    }

    [Fact]
    public async Task An_entry_missing_from_the_answer_is_a_failed_value_not_an_exception()
    {
        _host.Server.On("POST", "ocs/v1.php/apps/integration_openproject/filesinfo", _ => Json(HttpStatusCode.OK, """{"ocs":{"meta":{"status":"ok","statuscode":100,"message":"OK"},"data":{"5":{"status":"Not Found","statuscode":404}}}}"""));

        var results = await _host.Storage.GetFileInfosAsync(NextcloudTestHost.Alice, [new FileId("5"), new FileId("6")], _ct);

        Assert.Equal(FileInfoStatus.NotFound, results[new FileId("5")].Status);
        Assert.Equal(FileInfoStatus.Error, results[new FileId("6")].Status);
        Assert.Equal(StorageErrorCode.InvalidResponse, results[new FileId("6")].Error!.Code);
    }

    [Fact]
    public async Task A_download_link_comes_from_the_OCS_v2_direct_endpoint()
    {
        _host.Server.On("POST", "ocs/v2.php/apps/dav/api/v1/direct", _ => Json(HttpStatusCode.OK, Recorded.DirectDownload));

        var link = await _host.Storage.GetDownloadLinkAsync(NextcloudTestHost.Alice, new FileId("39"), _ct);

        Assert.Equal("fileId=39", Assert.Single(_host.Server.RequestList).BodyText);
        Assert.Equal("https://cloud.example.com/remote.php/direct/ZEouIQSGO3KQrI94cP5WgjnQKYna8rSACeWvbtYy5Fldw541Aknlj20fjF5e", link.AbsoluteUri);
    }

    [Theory]
    [InlineData(OpenLinkTarget.File, "https://cloud.example.com/nextcloud/index.php/f/39?openfile=1")]
    [InlineData(OpenLinkTarget.ContainingFolder, "https://cloud.example.com/nextcloud/index.php/f/39?openfile=0")]
    public void Open_links_point_at_index_php_f_with_openfile(OpenLinkTarget target, string expected)
    {
        using var host = new NextcloudTestHost("https://cloud.example.com/nextcloud");

        Assert.Equal(expected, host.Storage.GetOpenLink(new FileId("39"), target).AbsoluteUri);
    }

    [Fact]
    public async Task Creating_a_folder_sends_MKCOL_then_reads_the_new_folder_back()
    {
        _host.Server.On("MKCOL", "remote.php/dav/files/alice/Folder/F%C3%B6lder%20CreatedBy%20%C3%87ommand", _ => Respond(HttpStatusCode.Created, "", "text/html; charset=UTF-8", ("OC-FileId", "00000378" + Recorded.InstanceId)));
        _host.Server.On("PROPFIND", "remote.php/dav/files/alice/Folder/F%C3%B6lder%20CreatedBy%20%C3%87ommand", HttpStatusCode.MultiStatus, Recorded.MultiStatus(
            Recorded.Response("/remote.php/dav/files/alice/Folder/F%C3%B6lder%20CreatedBy%20%C3%87ommand/", 378, folder: true, "RGDNVCK")));

        var folder = await _host.Storage.CreateFolderAsync(NextcloudTestHost.Alice, StoragePath.Parse("/Folder"), "Földer CreatedBy Çommand", _ct);

        Assert.Equal(new FileId("378"), folder.Id);
        Assert.True(folder.IsFolder);
        Assert.Equal("0", _host.Server.RequestList[1].Header("Depth"));
    }

    [Fact]
    public async Task Moving_sends_an_absolute_destination_and_never_overwrites()
    {
        _host.Server.On("MOVE", "remote.php/dav/files/alice/Project%20Docs/copy.txt", _ => Respond(HttpStatusCode.Created, "", "text/html"));
        _host.Server.On("PROPFIND", "remote.php/dav/files/alice/Project%20Docs/renamed%20%C3%A4%C3%B6.txt", HttpStatusCode.MultiStatus, Recorded.MultiStatus(
            Recorded.Response("/remote.php/dav/files/alice/Project%20Docs/renamed%20%C3%A4%C3%B6.txt", 39, folder: false)));

        var moved = await _host.Storage.MoveAsync(NextcloudTestHost.Alice, StoragePath.Parse("/Project Docs/copy.txt"), StoragePath.Parse("/Project Docs/renamed äö.txt"), _ct);

        var move = _host.Server.RequestList[0];
        Assert.Equal("https://cloud.example.com/remote.php/dav/files/alice/Project%20Docs/renamed%20%C3%A4%C3%B6.txt", move.Header("Destination"));
        Assert.Equal("F", move.Header("Overwrite"));
        Assert.Equal("renamed äö.txt", moved.Name);
        Assert.Equal(new FileId("39"), moved.Id);
    }

    [Fact]
    public async Task Deleting_sends_DELETE()
    {
        _host.Server.On("DELETE", "remote.php/dav/files/alice/Archive/second.txt", HttpStatusCode.NoContent);

        await _host.Storage.DeleteAsync(NextcloudTestHost.Alice, StoragePath.Parse("/Archive/second.txt"), _ct);

        Assert.Equal("DELETE", Assert.Single(_host.Server.RequestList).Method);
    }

    [Fact]
    public async Task The_root_is_never_deleted()
    {
        var error = await Assert.ThrowsAsync<StorageException>(() => _host.Storage.DeleteAsync(NextcloudTestHost.Alice, StoragePath.Root, _ct));

        Assert.Equal(StorageErrorCode.InvalidRequest, error.Code);
        Assert.Empty(_host.Server.RequestList);
    }

    [Theory]
    [InlineData(PathMapDepth.Self, "0")]
    [InlineData(PathMapDepth.Children, "1")]
    [InlineData(PathMapDepth.All, "infinity")]
    public async Task The_path_to_id_map_asks_only_for_ids_at_the_chosen_depth(PathMapDepth depth, string header)
    {
        _host.Server.On("PROPFIND", "remote.php/dav/files/alice/Folder", HttpStatusCode.MultiStatus, Recorded.MultiStatus(
            Recorded.Response("/remote.php/dav/files/alice/Folder/", 3, folder: true),
            Recorded.Response("/remote.php/dav/files/alice/Folder/Nested%20Folder/", 4, folder: true),
            Recorded.Response("/remote.php/dav/files/alice/Folder/Nested%20Folder/%F0%9F%8D%91.txt", 5, folder: false)));

        var map = await _host.Storage.GetPathToIdMapAsync(NextcloudTestHost.Alice, StoragePath.Parse("/Folder"), depth, _ct);

        var request = Assert.Single(_host.Server.RequestList);
        Assert.Equal(header, request.Header("Depth"));
        Assert.DoesNotContain("getcontenttype", request.BodyText, StringComparison.Ordinal);
        Assert.Equal(new FileId("5"), map[StoragePath.Parse("/Folder/Nested Folder/🍑.txt")]);
        Assert.Equal(new FileId("3"), map[StoragePath.Parse("/Folder")]);
    }

    [Fact]
    public async Task A_browser_upload_link_is_the_one_time_direct_upload_url_of_the_token()
    {
        _host.Server.On("POST", "index.php/apps/integration_openproject/direct-upload-token", _ => Json(HttpStatusCode.OK, Recorded.UploadToken));

        var link = await _host.Storage.CreateUploadLinkAsync(NextcloudTestHost.Alice, new FileId("34"), "report.pdf", NameConflictPolicy.Fail, _ct);

        Assert.Equal("""{"folder_id":34}""", Assert.Single(_host.Server.RequestList).BodyText);
        Assert.Equal("https://cloud.example.com/index.php/apps/integration_openproject/direct-upload/Dnn6KzacPR8nYQc9i4kaL639skGxcinpzrJkwmJP5qr9dNrx9nXFMCJeJbN6H9Mb", link.Url.AbsoluteUri);
        Assert.Equal("POST", link.Method);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795919507), link.ExpiresAt);
        Assert.DoesNotContain("Dnn6", link.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(NameConflictPolicy.Fail, null)]
    [InlineData(NameConflictPolicy.KeepBoth, "false")]
    [InlineData(NameConflictPolicy.Overwrite, "true")]
    public async Task A_browser_upload_link_is_one_multipart_form_whose_overwrite_field_says_the_conflict_policy(NameConflictPolicy policy, string? overwrite)
    {
        _host.Server.On("POST", "index.php/apps/integration_openproject/direct-upload-token", _ => Json(HttpStatusCode.OK, Recorded.UploadToken));

        var link = await _host.Storage.CreateUploadLinkAsync(NextcloudTestHost.Alice, new FileId("34"), "Minutes.txt", policy, _ct);

        Assert.Equal((UploadProtocol.MultipartForm, "Minutes.txt", "file"), (link.Protocol, link.FileName, link.FileField));
        Assert.Equal(overwrite, link.FormFields.GetValueOrDefault("overwrite"));
        Assert.Equal(overwrite is null ? 0 : 1, link.FormFields.Count);
        Assert.Null(link.RangeUnit);
    }

    [Fact]
    public async Task A_browser_upload_link_for_a_name_that_is_no_path_segment_is_refused_before_any_request()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _host.Storage.CreateUploadLinkAsync(NextcloudTestHost.Alice, new FileId("34"), "a/b.txt", NameConflictPolicy.Fail, _ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _host.Storage.CreateUploadLinkAsync(NextcloudTestHost.Alice, new FileId("34"), "a.txt", (NameConflictPolicy)42, _ct));

        Assert.Empty(_host.Server.RequestList);
    }

    [Fact]
    public async Task Reading_a_file_streams_its_content_from_its_webdav_path()
    {
        _host.Server.On("GET", "ocs/v1.php/apps/integration_openproject/fileinfo/39", _ => Json(HttpStatusCode.OK, Recorded.FileInfoV1));
        _host.Server.On("GET", "remote.php/dav/files/alice/Project%20Docs/hello%20world.txt", _ => Respond(HttpStatusCode.OK, "Hello from the lab.\n", "text/plain;charset=UTF-8"));

        await using var stream = await _host.Storage.OpenReadAsync(NextcloudTestHost.Alice, new FileId("39"), _ct);
        using var reader = new StreamReader(stream);

        Assert.Equal("Hello from the lab.\n", await reader.ReadToEndAsync(_ct));
    }

    [Fact]
    public async Task A_folder_cannot_be_read_as_a_stream()
    {
        _host.Server.On("GET", "ocs/v1.php/apps/integration_openproject/fileinfo/350", _ => Json(HttpStatusCode.OK, Recorded.FileInfoFolderV1));

        var error = await Assert.ThrowsAsync<StorageException>(() => _host.Storage.OpenReadAsync(NextcloudTestHost.Alice, new FileId("350"), _ct));

        Assert.Equal(StorageErrorCode.InvalidRequest, error.Code);
    }

    [Fact]
    public void The_storage_is_called_Nextcloud_and_has_its_registered_id()
    {
        Assert.Equal("Nextcloud", _host.Storage.ProductName);
        Assert.Equal(new StorageId("nc"), _host.Storage.Id);
    }
}
