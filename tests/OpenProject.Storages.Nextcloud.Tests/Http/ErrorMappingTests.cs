using System.Net;
using System.Net.Sockets;
using OpenProject.Storages.Nextcloud.Tests.Fixtures;
using OpenProject.Storages.Nextcloud.Tests.StandIn;
using static OpenProject.Storages.Nextcloud.Tests.StandIn.ScriptedNextcloud;

namespace OpenProject.Storages.Nextcloud.Tests.Http;

/// <summary>Every row of the error-mapping table, each driven by a recorded (or faithfully reproduced) answer.</summary>
public sealed class ErrorMappingTests
{
    private const string FileInfo39 = "ocs/v1.php/apps/integration_openproject/fileinfo/39";
    private const string DocsFolder = "remote.php/dav/files/alice/Project%20Docs";
    private static readonly StorageActor Alice = NextcloudTestHost.Alice;

    private sealed record Row(Action<ScriptedNextcloud> Script, Func<NextcloudFileStorage, CancellationToken, Task> Act, string Code, string? Detail);

    private static async Task List(NextcloudFileStorage s, CancellationToken ct) => await s.ListFolderAsync(Alice, StoragePath.Parse("/Project Docs"), ct);

    private static async Task Info(NextcloudFileStorage s, CancellationToken ct) => await s.GetFileInfoAsync(Alice, new FileId("39"), ct);

    private static async Task Mkcol(NextcloudFileStorage s, CancellationToken ct) => await s.CreateFolderAsync(Alice, StoragePath.Root, "Project Docs", ct);

    private static async Task Move(NextcloudFileStorage s, CancellationToken ct) => await s.MoveAsync(Alice, StoragePath.Parse("/Project Docs"), StoragePath.Parse("/nope/second"), ct);

    private static async Task Put(NextcloudFileStorage s, CancellationToken ct) => await s.UploadAsync(Alice, StoragePath.Parse("/Project Docs"), "x.txt", new MemoryStream([120]), NameConflictPolicy.Overwrite, ct);

    private static readonly Dictionary<string, Row> Rows = new()
    {
        ["PROPFIND 401 (Sabre NotAuthenticated)"] = new(s => s.On("PROPFIND", DocsFolder, HttpStatusCode.Unauthorized, Recorded.NotAuthenticated), List, "Unauthorized", "Bearer token was incorrect"),
        ["OCS 997 with HTTP 401"] = new(s => s.On("GET", FileInfo39, _ => Json(HttpStatusCode.Unauthorized, Recorded.NotLoggedIn)), Info, "Unauthorized", "Current user is not logged in"),
        ["OCS 997 inside HTTP 200"] = new(s => s.On("GET", FileInfo39, _ => Json(HttpStatusCode.OK, Recorded.NotLoggedIn)), Info, "Unauthorized", "Current user is not logged in"),
        ["PUT 403 (Sabre Forbidden)"] = new(s => s.On("PUT", DocsFolder + "/x.txt", HttpStatusCode.Forbidden, Recorded.SabreError("Forbidden", "Permission denied to create file (filename x.txt)")), Put, "Forbidden", "Permission denied to create file"),
        ["fileinfo per-entry 403"] = new(s => s.On("GET", FileInfo39, _ => Json(HttpStatusCode.OK, Recorded.FileInfoV1Failure(403, "Forbidden"))), Info, "Forbidden", null),
        ["PROPFIND 404 (Sabre NotFound)"] = new(s => s.On("PROPFIND", DocsFolder, HttpStatusCode.NotFound, Recorded.SabreError("NotFound", "File with name //does-not-exist could not be located")), List, "NotFound", "File with name //does-not-exist could not be located (Sabre\\DAV\\Exception\\NotFound)"),
        ["OCS 998 in JSON"] = new(s => s.On("GET", FileInfo39, _ => Json(HttpStatusCode.OK, Recorded.OcsV1Failure(998, "Invalid query"))), Info, "NotFound", "Invalid query"),
        ["fileinfo per-entry 404 (trashed or missing)"] = new(s => s.On("GET", FileInfo39, _ => Json(HttpStatusCode.OK, Recorded.FileInfoV1Failure(404, "Not Found"))), Info, "NotFound", null),
        ["MKCOL 405 (exists)"] = new(s => s.On("MKCOL", DocsFolder, HttpStatusCode.MethodNotAllowed, Recorded.SabreError("MethodNotAllowed", "The resource you tried to create already exists")), Mkcol, "Conflict", "already exists"),
        ["MKCOL 409 (parent missing)"] = new(s => s.On("MKCOL", DocsFolder, HttpStatusCode.Conflict, Recorded.SabreError("Conflict", "Parent node does not exist")), Mkcol, "NotFound", "Parent node does not exist"),
        ["MOVE 409 (destination parent missing)"] = new(s => s.On("MOVE", DocsFolder, HttpStatusCode.Conflict, Recorded.SabreError("Conflict", "The destination node is not found")), Move, "NotFound", "The destination node is not found"),
        ["PUT 404 (parent missing)"] = new(s => s.On("PUT", DocsFolder + "/x.txt", HttpStatusCode.NotFound, Recorded.SabreError("NotFound", "File with name //nope could not be located")), Put, "NotFound", "could not be located"),
        ["MOVE 412 (destination exists)"] = new(s => s.On("MOVE", DocsFolder, HttpStatusCode.PreconditionFailed, Recorded.SabreError("PreconditionFailed", "The destination node already exists, and the overwrite header is set to false")), Move, "Conflict", "overwrite header is set to false"),
        ["PUT 423 (locked)"] = new(s => s.On("PUT", DocsFolder + "/x.txt", HttpStatusCode.Locked, Recorded.SabreError("Locked", "\"x.txt\" is locked")), Put, "Locked", "is locked"),
        ["PUT 507 (quota)"] = new(s => s.On("PUT", DocsFolder + "/x.txt", HttpStatusCode.InsufficientStorage, Recorded.SabreError("InsufficientStorage", "Insufficient space in /alice/files")), Put, "InsufficientStorage", "Insufficient space"),
        ["PROPFIND 500 (Sabre internal error)"] = new(s => s.On("PROPFIND", DocsFolder, HttpStatusCode.InternalServerError, Recorded.InternalServerError), List, "Unavailable", "The server was unable to complete your request. If this happens again"),
        ["OCS 503 from a proxy"] = new(s => s.On("GET", FileInfo39, HttpStatusCode.ServiceUnavailable, "<html>maintenance</html>", "text/html"), Info, "Unavailable", null),
        ["OCS 996 (app disabled, HTTP 200)"] = new(s => s.On("GET", FileInfo39, _ => Json(HttpStatusCode.OK, Recorded.AppDisabled)), Info, "Unavailable", "Internal Server Error"),
        ["timeout"] = new(s => s.Fault = _ => new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout.", new TimeoutException()), Info, "Unavailable", null),
        ["DNS failure"] = new(s => s.Fault = _ => new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known (cloud.example.com:443)", new SocketException((int)SocketError.HostNotFound)), List, "Unavailable", null),
        ["connection refused"] = new(s => s.Fault = _ => new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (cloud.example.com:443)", new SocketException((int)SocketError.ConnectionRefused)), Mkcol, "Unavailable", null),
        ["HTML page instead of OCS JSON"] = new(s => s.On("GET", FileInfo39, HttpStatusCode.OK, Recorded.HtmlPage, "text/html; charset=UTF-8"), Info, "InvalidResponse", null),
        ["OCS XML instead of JSON (app disabled)"] = new(s => s.On("GET", FileInfo39, HttpStatusCode.OK, Recorded.OcsXmlInvalidQuery, "text/xml; charset=UTF-8"), Info, "InvalidResponse", "OCS status 998: Invalid query"),
        ["truncated JSON"] = new(s => s.On("GET", FileInfo39, _ => Json(HttpStatusCode.OK, Recorded.FileInfoV1[..120])), Info, "InvalidResponse", null),
        ["malformed JSON"] = new(s => s.On("GET", FileInfo39, _ => Json(HttpStatusCode.OK, "{\"ocs\": nope}")), Info, "InvalidResponse", null),
        ["truncated multistatus"] = new(s => s.On("PROPFIND", DocsFolder, HttpStatusCode.MultiStatus, Recorded.FolderListing[..700]), List, "InvalidResponse", null),
        ["HTML page instead of a multistatus"] = new(s => s.On("PROPFIND", DocsFolder, HttpStatusCode.OK, Recorded.HtmlPage, "text/html; charset=UTF-8"), List, "InvalidResponse", null),
        ["multistatus entry without a file id"] = new(s => s.On("PROPFIND", DocsFolder, HttpStatusCode.MultiStatus, """<d:multistatus xmlns:d="DAV:"><d:response><d:href>/remote.php/dav/files/alice/Project%20Docs/</d:href></d:response></d:multistatus>"""), List, "InvalidResponse", null),
        ["direct download of a folder (OCS v2 400)"] = new(s => s.On("POST", "ocs/v2.php/apps/dav/api/v1/direct", _ => Json(HttpStatusCode.BadRequest, Recorded.DirectDownloadFolder)), (st, ct) => st.GetDownloadLinkAsync(Alice, new FileId("34"), ct), "InvalidRequest", "Direct download only works for files"),
        ["direct download of a missing file (OCS v2 404)"] = new(s => s.On("POST", "ocs/v2.php/apps/dav/api/v1/direct", _ => Json(HttpStatusCode.NotFound, Recorded.DirectDownloadMissing)), (st, ct) => st.GetDownloadLinkAsync(Alice, new FileId("999999"), ct), "NotFound", null),
        ["upload token for a missing folder (404)"] = new(s => s.On("POST", "index.php/apps/integration_openproject/direct-upload-token", _ => Json(HttpStatusCode.NotFound, Recorded.UploadTokenNotFound)), (st, ct) => st.CreateUploadLinkAsync(Alice, new FileId("1337"), "report.pdf", NameConflictPolicy.Fail, ct), "NotFound", "folder not found or not enough permissions"),
        ["filesinfo whole request 401 (OCS 997)"] = new(s => s.On("POST", "ocs/v1.php/apps/integration_openproject/filesinfo", _ => Json(HttpStatusCode.Unauthorized, Recorded.NotLoggedIn)), (st, ct) => st.GetFileInfosAsync(Alice, [new FileId("182")], ct), "Unauthorized", "Current user is not logged in"),
        ["filesinfo app disabled (OCS 996)"] = new(s => s.On("POST", "ocs/v1.php/apps/integration_openproject/filesinfo", _ => Json(HttpStatusCode.OK, Recorded.AppDisabled)), (st, ct) => st.GetFileInfosAsync(Alice, [new FileId("50"), new FileId("53")], ct), "Unavailable", "Internal Server Error"),
        ["DELETE 404"] = new(s => s.On("DELETE", "remote.php/dav/files/alice/Archive/second.txt", HttpStatusCode.NotFound, Recorded.SabreError("NotFound", "File with name /Archive/second.txt could not be located")), (st, ct) => st.DeleteAsync(Alice, StoragePath.Parse("/Archive/second.txt"), ct), "NotFound", "could not be located"),
    };

    public static TheoryData<string> Cases => [.. Rows.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_answer_maps_to_its_error_code_with_the_servers_message_as_detail(string name)
    {
        var row = Rows[name];
        using var host = new NextcloudTestHost();
        row.Script(host.Server);

        var error = await Assert.ThrowsAsync<StorageException>(() => row.Act(host.Storage, TestContext.Current.CancellationToken));

        Assert.Equal(new StorageErrorCode(row.Code), error.Code);
        if (row.Detail is not null)
        {
            Assert.Contains(row.Detail, error.Detail, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(FakeTokenProvider.FirstToken, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(NextcloudTestHost.TechnicalPassword, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HTTP_statuses_are_kept_on_the_error()
    {
        using var host = new NextcloudTestHost();
        host.Server.On("MKCOL", DocsFolder, HttpStatusCode.MethodNotAllowed, Recorded.SabreError("MethodNotAllowed", "The resource you tried to create already exists"));

        var error = await Assert.ThrowsAsync<StorageException>(() => Mkcol(host.Storage, TestContext.Current.CancellationToken));

        Assert.Equal(405, error.HttpStatus);
    }
}
