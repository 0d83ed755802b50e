using System.Net;
using OpenProject.Storages.Nextcloud.Tests.Fixtures;
using OpenProject.Storages.Nextcloud.Tests.StandIn;
using static OpenProject.Storages.Nextcloud.Tests.StandIn.ScriptedNextcloud;

namespace OpenProject.Storages.Nextcloud.Tests.Http;

public sealed class SecretsTests
{
    private static readonly string[] Secrets =
    [
        FakeTokenProvider.FirstToken, FakeTokenProvider.RefreshedToken, NextcloudTestHost.TechnicalPassword,
        "Dnn6KzacPR8nYQc9i4kaL639skGxcinpzrJkwmJP5qr9dNrx9nXFMCJeJbN6H9Mb", "ZEouIQSGO3KQrI94cP5WgjnQKYna8rSACeWvbtYy5Fldw541Aknlj20fjF5e",
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("OpenProject:" + NextcloudTestHost.TechnicalPassword)),
    ];

    [Fact]
    public async Task No_token_password_or_one_time_url_shows_up_in_logs_or_exception_messages()
    {
        using var host = new NextcloudTestHost();
        var ct = TestContext.Current.CancellationToken;
        host.Server.On("GET", _ => true, r => Respond(HttpStatusCode.Unauthorized, Recorded.NotAuthenticated));
        host.Server.On("PROPFIND", _ => true, _ => Respond(HttpStatusCode.InternalServerError, Recorded.InternalServerError));
        host.Server.On("POST", "index.php/apps/integration_openproject/direct-upload-token", _ => Json(HttpStatusCode.OK, Recorded.UploadToken));
        host.Server.On("POST", "ocs/v2.php/apps/dav/api/v1/direct", _ => Json(HttpStatusCode.OK, Recorded.DirectDownload));
        host.Server.On("MKCOL", _ => true, _ => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (cloud.example.com:443)"));
        var errors = new List<Exception>();

        async Task Capture(Func<Task> act)
        {
            try
            {
                await act();
            }
            catch (StorageException ex)
            {
                errors.Add(ex);
            }
        }

        await Capture(() => host.Storage.GetFileInfoAsync(NextcloudTestHost.Alice, new FileId("39"), ct));
        await Capture(() => host.Storage.GetFileInfoAsync(StorageActor.TechnicalUser, new FileId("39"), ct));
        await Capture(() => host.Storage.ListFolderAsync(StorageActor.TechnicalUser, StoragePath.Root, ct));
        await Capture(() => host.Storage.CreateFolderAsync(NextcloudTestHost.Alice, StoragePath.Root, "x", ct));
        var link = await host.Storage.CreateUploadLinkAsync(NextcloudTestHost.Alice, new FileId("34"), "report.pdf", NameConflictPolicy.Fail, ct);
        await host.Storage.GetDownloadLinkAsync(NextcloudTestHost.Alice, new FileId("39"), ct);

        Assert.Equal(4, errors.Count);
        var text = string.Join('\n', errors.Select(e => e.ToString()).Concat(host.Logs.Lines).Append(link.ToString()));
        Assert.NotEmpty(host.Logs.Lines);
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        // The provider's logs name operations, never URLs (a URL may carry a one-time token or a query).
        Assert.All(host.Logs.Lines.Where(line => line.StartsWith("OpenProject.", StringComparison.Ordinal)), line => Assert.DoesNotContain("https://", line, StringComparison.Ordinal));
    }
}
