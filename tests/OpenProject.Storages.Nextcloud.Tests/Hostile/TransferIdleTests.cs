using System.Net;
using System.Text;
using OpenProject.Storages.Nextcloud.Tests.Fixtures;
using OpenProject.Storages.Nextcloud.Tests.StandIn;
using static OpenProject.Storages.Nextcloud.Tests.StandIn.ScriptedNextcloud;

namespace OpenProject.Storages.Nextcloud.Tests.Hostile;

/// <summary>Downloads keep an idle rule: a stalled server ends the stream; a caller that pauses is not the server's stall.</summary>
public sealed class TransferIdleTests : IDisposable
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("Hello from the lab.\n");
    private readonly NextcloudTestHost _host = new(configure: options => options.TransferIdleTimeout = TimeSpan.FromSeconds(1));
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_download_whose_server_stops_sending_ends_as_unavailable_after_the_idle_time_out()
    {
        Script(new PieceStream(Body, () => 4, yieldEachRead: true, stallAtEnd: true));
        await using var stream = await _host.Storage.OpenReadAsync(NextcloudTestHost.Alice, new FileId("39"), _ct);

        var error = await Assert.ThrowsAsync<StorageException>(() => stream.CopyToAsync(Stream.Null, _ct));

        Assert.Equal(StorageErrorCode.Unavailable, error.Code);
        Assert.Contains("timed out after 1 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_caller_that_pauses_longer_than_the_idle_time_out_still_reads_the_whole_file()
    {
        Script(new PieceStream(Body, () => 4, yieldEachRead: true));
        await using var stream = await _host.Storage.OpenReadAsync(NextcloudTestHost.Alice, new FileId("39"), _ct);

        // The clock runs only while a read waits for the server.
        await Task.Delay(TimeSpan.FromSeconds(1.5), _ct);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, _ct);

        Assert.Equal(Body, copy.ToArray());
    }

    [Fact]
    public async Task An_upload_whose_server_takes_it_and_never_answers_ends_as_unavailable_after_the_idle_time_out_and_links_nothing()
    {
        // Every byte goes out (the idle clock restarts with each), then the worker hangs: the idle rule still ends it.
        await using var server = await HostileServer.StartAsync(Attack.Stall, onlyMethod: "PUT");
        using var app = new HostileApp(server.BaseAddress, TimeSpan.FromSeconds(1), 1024 * 1024);
        await app.ArrangeAsync();
        var before = app.Links.All.Count;
        var upload = new FileUpload { FileName = "big.bin", Content = PieceStream.OfSize(new byte[4 * 1024 * 1024], 64 * 1024) };

        var error = await Assert.ThrowsAsync<StorageException>(() => app.FileLinks.UploadAndLinkAsync(HostileApp.Alice, HostileApp.WorkPackage, HostileApp.Storage, StoragePath.Parse("/Project Docs"), upload, NameConflictPolicy.Overwrite, _ct));

        Assert.Equal(StorageErrorCode.Unavailable, error.Code);
        Assert.True(error.Message.Contains("timed out after 1 s", StringComparison.Ordinal), error.ToString());
        Assert.Equal(before, app.Links.All.Count);
    }

    public void Dispose() => _host.Dispose();

    private void Script(Stream body)
    {
        _host.Server.On("GET", "ocs/v1.php/apps/integration_openproject/fileinfo/39", _ => Json(HttpStatusCode.OK, Recorded.FileInfoV1));
        _host.Server.On("GET", "remote.php/dav/files/alice/Project%20Docs/hello%20world.txt", _ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(body) { Headers = { ContentType = new("text/plain") } },
        });
    }
}
