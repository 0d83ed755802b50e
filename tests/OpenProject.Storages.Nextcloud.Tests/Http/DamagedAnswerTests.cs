using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using OpenProject.Storages.Nextcloud.Tests.Fixtures;
using OpenProject.Storages.Nextcloud.Tests.StandIn;

namespace OpenProject.Storages.Nextcloud.Tests.Http;

/// <summary>
/// The error table's last row, at every byte: a successful answer cut short anywhere is InvalidResponse,
/// and a damaged one is a <see cref="StorageException"/> or a result, never another exception escaping
/// from a parser (JSON, XML, a URL, a number).
/// </summary>
public sealed class DamagedAnswerTests
{
    private const string Json = "application/json; charset=utf-8";
    private static readonly StorageActor Alice = NextcloudTestHost.Alice;

    private sealed record Answer(string Method, string Path, string ContentType, string Body, Func<NextcloudFileStorage, CancellationToken, Task> Act);

    private static readonly Dictionary<string, Answer> Answers = new()
    {
        ["fileinfo"] = new("GET", "ocs/v1.php/apps/integration_openproject/fileinfo/39", Json, Recorded.FileInfoV1, (s, ct) => s.GetFileInfoAsync(Alice, new FileId("39"), ct)),
        ["filesinfo"] = new("POST", "ocs/v1.php/apps/integration_openproject/filesinfo", Json, Recorded.FilesInfoMixed, (s, ct) => s.GetFileInfosAsync(Alice, [new FileId("182"), new FileId("1234"), new FileId("222")], ct)),
        ["direct download"] = new("POST", "ocs/v2.php/apps/dav/api/v1/direct", Json, Recorded.DirectDownload, (s, ct) => s.GetDownloadLinkAsync(Alice, new FileId("39"), ct)),
        ["upload token"] = new("POST", "index.php/apps/integration_openproject/direct-upload-token", Json, Recorded.UploadToken, (s, ct) => s.CreateUploadLinkAsync(Alice, new FileId("34"), "report.pdf", NameConflictPolicy.Fail, ct)),
        ["folder listing"] = new("PROPFIND", "remote.php/dav/files/alice/Project%20Docs", "application/xml; charset=utf-8", Recorded.FolderListing.TrimEnd(), (s, ct) => s.ListFolderAsync(Alice, StoragePath.Parse("/Project Docs"), ct)),
    };

    public static TheoryData<string> Names => [.. Answers.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task An_answer_cut_short_anywhere_is_InvalidResponse(string name)
    {
        var answer = Answers[name];
        var bytes = Encoding.UTF8.GetBytes(answer.Body);
        using var host = Host(answer, out var body);

        await answer.Act(host.Storage, TestContext.Current.CancellationToken);
        for (var length = 0; length < bytes.Length; length++)
        {
            body.Value = bytes[..length];
            var error = await Record.ExceptionAsync(() => answer.Act(host.Storage, TestContext.Current.CancellationToken));
            Assert.True(error is StorageException { Code.Value: "InvalidResponse" }, $"{name} cut at {length} of {bytes.Length}: {error?.ToString() ?? "no error"}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_damaged_answer_is_a_StorageException_or_a_result_and_nothing_else(string name)
    {
        var answer = Answers[name];
        var original = Encoding.UTF8.GetBytes(answer.Body);
        using var host = Host(answer, out var body);
        var random = new Random(name.Length * 7919);
        var symbols = "{}[]\":,\\<>/&;=!?- 0-9aZ\n"u8.ToArray();

        for (var attempt = 0; attempt < 400; attempt++)
        {
            body.Value = Damage.Apply(original, random, symbols);
            var error = await Record.ExceptionAsync(() => answer.Act(host.Storage, TestContext.Current.CancellationToken));
            Assert.True(error is null or StorageException, $"{name}, attempt {attempt}: {error}");
        }
    }

    [Fact]
    public async Task A_damaged_Sabre_error_body_still_maps_by_its_status_and_at_most_loses_the_detail()
    {
        var sabre = new Answer("PROPFIND", "remote.php/dav/files/alice/Project%20Docs", "application/xml; charset=utf-8", Recorded.SabreError("NotFound", "File with name //does-not-exist could not be located"), (s, ct) => s.ListFolderAsync(Alice, StoragePath.Parse("/Project Docs"), ct));
        var original = Encoding.UTF8.GetBytes(sabre.Body);
        using var host = Host(sabre, out var current, HttpStatusCode.NotFound);
        var random = new Random(404);
        var symbols = "<>/&;:\"'=!?- x\n"u8.ToArray();

        for (var attempt = 0; attempt < 400; attempt++)
        {
            current.Value = attempt % 2 == 0 ? Damage.Apply(original, random, symbols) : original[..random.Next(original.Length)];
            var error = await Record.ExceptionAsync(() => sabre.Act(host.Storage, TestContext.Current.CancellationToken));
            Assert.True(error is StorageException { Code.Value: "NotFound" }, $"Attempt {attempt}: {error}");
        }
    }

    private static NextcloudTestHost Host(Answer answer, out StrongBox<byte[]> body, HttpStatusCode? status = null)
    {
        var host = new NextcloudTestHost();
        var current = new StrongBox<byte[]>(Encoding.UTF8.GetBytes(answer.Body));
        host.Server.On(answer.Method, answer.Path, _ =>
        {
            var content = new ByteArrayContent(current.Value!);
            content.Headers.TryAddWithoutValidation("Content-Type", answer.ContentType);
            return new HttpResponseMessage(status ?? (answer.Method == "PROPFIND" ? HttpStatusCode.MultiStatus : HttpStatusCode.OK)) { Content = content };
        });
        body = current;
        return host;
    }
}
