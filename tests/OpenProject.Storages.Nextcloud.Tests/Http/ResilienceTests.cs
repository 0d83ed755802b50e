using System.Diagnostics;
using System.Net;
using OpenProject.Storages.Nextcloud.Tests.Fixtures;
using OpenProject.Storages.Nextcloud.Tests.StandIn;
using static OpenProject.Storages.Nextcloud.Tests.StandIn.ScriptedNextcloud;

namespace OpenProject.Storages.Nextcloud.Tests.Http;

public sealed class ResilienceTests : IDisposable
{
    private const string Docs = "remote.php/dav/files/alice/Docs";
    private readonly NextcloudTestHost _host = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_safe_PROPFIND_is_retried_after_a_503_and_then_succeeds()
    {
        var calls = 0;
        _host.Server.On("PROPFIND", Docs, _ => ++calls < 3
            ? Respond(HttpStatusCode.ServiceUnavailable, "busy", "text/plain")
            : Respond(HttpStatusCode.MultiStatus, Recorded.MultiStatus(Recorded.Response("/" + Docs + "/", 3, folder: true))));

        var listing = await _host.Storage.ListFolderAsync(NextcloudTestHost.Alice, StoragePath.Parse("/Docs"), _ct);

        Assert.Equal(new FileId("3"), listing.Folder.Id);
        Assert.Equal(3, _host.Server.RequestList.Count);
    }

    public static TheoryData<string> UnsafeOperations => ["MKCOL", "MOVE", "DELETE", "PUT", "POST filesinfo", "POST direct", "POST upload token"];

    [Theory]
    [MemberData(nameof(UnsafeOperations))]
    public async Task Unsafe_methods_are_sent_once_even_when_the_server_fails(string operation)
    {
        _host.Server.On(operation.Split(' ')[0], _ => true, _ => Respond(HttpStatusCode.ServiceUnavailable, "busy", "text/plain"));
        var storage = _host.Storage;
        var alice = NextcloudTestHost.Alice;
        Task act = operation switch
        {
            "MKCOL" => storage.CreateFolderAsync(alice, StoragePath.Root, "New", _ct),
            "MOVE" => storage.MoveAsync(alice, StoragePath.Parse("/a"), StoragePath.Parse("/b"), _ct),
            "DELETE" => storage.DeleteAsync(alice, StoragePath.Parse("/a"), _ct),
            "PUT" => storage.UploadAsync(alice, StoragePath.Root, "a.txt", new MemoryStream([1]), NameConflictPolicy.Overwrite, _ct),
            "POST filesinfo" => storage.GetFileInfosAsync(alice, [new FileId("1")], _ct),
            "POST direct" => storage.GetDownloadLinkAsync(alice, new FileId("1"), _ct),
            _ => storage.CreateUploadLinkAsync(alice, new FileId("1"), "report.pdf", NameConflictPolicy.Fail, _ct),
        };

        var error = await Assert.ThrowsAsync<StorageException>(() => act);

        Assert.Equal(StorageErrorCode.Unavailable, error.Code);
        Assert.Single(_host.Server.RequestList);
    }

    [Fact]
    public async Task Retry_After_is_honoured()
    {
        var calls = 0;
        _host.Server.On("GET", "ocs/v1.php/apps/integration_openproject/fileinfo/39", _ => ++calls == 1
            ? Respond(HttpStatusCode.TooManyRequests, "slow down", "text/plain", ("Retry-After", "1"))
            : Json(HttpStatusCode.OK, Recorded.FileInfoV1));
        var clock = Stopwatch.StartNew();

        await _host.Storage.GetFileInfoAsync(NextcloudTestHost.Alice, new FileId("39"), _ct);

        Assert.Equal(2, calls);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {clock.Elapsed}");
    }

    [Fact]
    public void The_retry_predicate_refuses_webdav_writes_and_stream_bodies()
    {
        Assert.True(Nextcloud.Http.NextcloudResilience.MayRetry(new HttpRequestMessage(new HttpMethod("PROPFIND"), "https://x/") { Content = new ByteArrayContent([1]) }));
        Assert.True(Nextcloud.Http.NextcloudResilience.MayRetry(new HttpRequestMessage(HttpMethod.Get, "https://x/")));
        foreach (var method in new[] { "MKCOL", "MOVE", "COPY", "PROPPATCH", "LOCK", "POST", "PUT", "DELETE" })
        {
            Assert.False(Nextcloud.Http.NextcloudResilience.MayRetry(new HttpRequestMessage(new HttpMethod(method), "https://x/")), method);
        }

        Assert.False(Nextcloud.Http.NextcloudResilience.MayRetry(new HttpRequestMessage(new HttpMethod("REPORT"), "https://x/") { Content = new StreamContent(new MemoryStream([1])) }));
    }
}
