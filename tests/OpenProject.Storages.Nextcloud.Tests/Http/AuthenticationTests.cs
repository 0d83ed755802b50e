using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text;
using OpenProject.Storages.Nextcloud.Tests.Fixtures;
using OpenProject.Storages.Nextcloud.Tests.StandIn;
using static OpenProject.Storages.Nextcloud.Tests.StandIn.ScriptedNextcloud;

namespace OpenProject.Storages.Nextcloud.Tests.Http;

public sealed class AuthenticationTests : IDisposable
{
    private const string FileInfo39 = "ocs/v1.php/apps/integration_openproject/fileinfo/39";
    private readonly NextcloudTestHost _host = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task The_technical_user_sends_utf8_base64_of_name_colon_password_even_when_the_password_has_colons()
    {
        _host.Server.On("GET", FileInfo39, _ => Json(HttpStatusCode.OK, Recorded.FileInfoV1));

        await _host.Storage.GetFileInfoAsync(StorageActor.TechnicalUser, new FileId("39"), _ct);

        var header = Assert.Single(_host.Server.RequestList).Header("Authorization")!;
        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..]));
        Assert.Equal("OpenProject:" + NextcloudTestHost.TechnicalPassword, decoded);
    }

    [Fact]
    public async Task A_rejected_user_token_is_refreshed_once_and_the_request_retried()
    {
        _host.Server.On("GET", FileInfo39, r => r.Header("Authorization") == "Bearer " + FakeTokenProvider.RefreshedToken
            ? Json(HttpStatusCode.OK, Recorded.FileInfoV1)
            : Json(HttpStatusCode.Unauthorized, Recorded.NotLoggedIn));

        var item = await _host.Storage.GetFileInfoAsync(NextcloudTestHost.Alice, new FileId("39"), _ct);

        Assert.Equal(new FileId("39"), item.Id);
        Assert.Equal(2, _host.Server.RequestList.Count);
        Assert.Equal([null, FakeTokenProvider.FirstToken], _host.Tokens.Calls);
    }

    [Fact]
    public async Task A_second_401_is_not_retried_again()
    {
        _host.Server.On("PROPFIND", "remote.php/dav/files/alice", HttpStatusCode.Unauthorized, Recorded.NotAuthenticated);

        var error = await Assert.ThrowsAsync<StorageException>(() => _host.Storage.ListFolderAsync(NextcloudTestHost.Alice, StoragePath.Root, _ct));

        Assert.Equal(StorageErrorCode.Unauthorized, error.Code);
        Assert.Equal(2, _host.Server.RequestList.Count);
    }

    [Fact]
    public async Task When_the_provider_cannot_refresh_the_user_must_log_in_again()
    {
        _host.Tokens.CanRefresh = false;
        _host.Server.On("GET", FileInfo39, _ => Json(HttpStatusCode.Unauthorized, Recorded.NotLoggedIn));

        var error = await Assert.ThrowsAsync<StorageException>(() => _host.Storage.GetFileInfoAsync(NextcloudTestHost.Alice, new FileId("39"), _ct));

        Assert.Equal(StorageErrorCode.Unauthorized, error.Code);
        Assert.Single(_host.Server.RequestList);
    }

    [Fact]
    public async Task An_upload_stream_is_not_replayed_after_a_401()
    {
        _host.Server.On("PUT", "remote.php/dav/files/alice/Docs/a.txt", HttpStatusCode.Unauthorized, Recorded.NotAuthenticated);

        var error = await Assert.ThrowsAsync<StorageException>(() => _host.Storage.UploadAsync(NextcloudTestHost.Alice, StoragePath.Parse("/Docs"), "a.txt", new MemoryStream([1, 2, 3]), NameConflictPolicy.Overwrite, _ct));

        Assert.Equal(StorageErrorCode.Unauthorized, error.Code);
        Assert.Single(_host.Server.RequestList);
    }

    [Fact]
    public async Task The_users_nextcloud_id_from_the_token_provider_names_their_webdav_root()
    {
        _host.Tokens.StorageUserId = "m.jade@death.star";
        _host.Server.On("PROPFIND", "remote.php/dav/files/m.jade%40death.star", HttpStatusCode.MultiStatus, Recorded.MultiStatus(Recorded.Response("/remote.php/dav/files/m.jade%40death.star/", 2, folder: true)));

        var listing = await _host.Storage.ListFolderAsync(NextcloudTestHost.Alice, StoragePath.Root, _ct);

        Assert.Equal(new FileId("2"), listing.Folder.Id);
    }

    [Fact]
    public async Task Without_a_token_provider_a_user_operation_reports_the_missing_registration()
    {
        using var host = new NextcloudTestHost(withTokenProvider: false);

        var error = await Assert.ThrowsAsync<StorageException>(() => host.Storage.ListFolderAsync(NextcloudTestHost.Alice, StoragePath.Root, _ct));

        Assert.Equal(StorageErrorCode.NotConfigured, error.Code);
    }

    [Fact]
    public async Task Without_an_app_password_the_technical_user_is_not_configured()
    {
        using var host = new NextcloudTestHost(configure: o => o.TechnicalUserAppPassword = null);

        var error = await Assert.ThrowsAsync<StorageException>(() => host.Storage.ListFolderAsync(StorageActor.TechnicalUser, StoragePath.Root, _ct));

        Assert.Equal(StorageErrorCode.NotConfigured, error.Code);
        Assert.Empty(host.Server.RequestList);
    }

    [Fact]
    public async Task Credentials_are_never_attached_to_a_request_for_another_host()
    {
        var client = _host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("OpenProject.Storages.Nextcloud:nc:transfer");
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://evil.example.org/remote.php/dav/files/alice/");
        request.Options.Set(Internal.NextcloudRequestOptions.Actor, StorageActor.TechnicalUser);

        using var response = await client.SendAsync(request, _ct);

        Assert.Null(Assert.Single(_host.Server.RequestList).Header("Authorization"));
    }

    [Fact]
    public async Task Plain_http_to_the_same_host_name_gets_no_credentials_when_the_base_is_https()
    {
        var client = _host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("OpenProject.Storages.Nextcloud:nc");
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://cloud.example.com/status.php");
        request.Options.Set(Internal.NextcloudRequestOptions.Actor, StorageActor.TechnicalUser);

        using var response = await client.SendAsync(request, _ct);

        Assert.All(_host.Server.RequestList, r => Assert.Null(r.Header("Authorization")));
    }
}
