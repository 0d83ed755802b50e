using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OpenProject.Storages.OneDrive.Tests.Conformance;

namespace OpenProject.Storages.OneDrive.Tests.Files;

/// <summary>
/// A browser upload link is an upload session's URL: the "browser" here is a plain <see cref="HttpClient"/> without any
/// token that follows the link's protocol (<see cref="UploadProtocol.ByteRanges"/>) against the stand-in's SharePoint.
/// </summary>
public sealed class BrowserUploadTests
{
    private const int Unit = OneDriveStorageOptions.UploadChunkUnit;
    private static readonly StorageActor Alice = StorageActor.ForUser(new HostUserId("1"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_browser_sends_the_file_in_ranges_to_the_session_and_the_answer_names_the_stored_file()
    {
        using var fixture = new OneDriveConformanceFixture();
        var folder = await fixture.ArrangeFolderAsync((await fixture.CreateTestFolderAsync("ranges", Ct)).Combine("Inbox"), Ct);
        fixture.Server.Writes.Clear();

        var link = await fixture.OneDrive.CreateUploadLinkAsync(Alice, folder.Id, "Blueprints.tiff", NameConflictPolicy.Fail, Ct);

        var createSession = Assert.Single(fixture.Server.Writes);
        Assert.Equal("POST", createSession.Method);
        Assert.EndsWith(":/Blueprints.tiff:/createUploadSession", createSession.Path, StringComparison.Ordinal);
        Assert.Equal((UploadProtocol.ByteRanges, "PUT", "Blueprints.tiff", Unit, 60 * 1024 * 1024), (link.Protocol, link.Method, link.FileName, link.RangeUnit, link.MaxRangeSize));
        Assert.Empty(link.FormFields);
        Assert.DoesNotContain("tempauth", link.ToString(), StringComparison.Ordinal);

        var content = TransferTests.Pattern((2 * Unit) + 100);
        var stored = await SendInRangesAsync(fixture, link, content, rangeSize: Unit);

        Assert.Equal([$"bytes 0-{Unit - 1}/{content.Length}", $"bytes {Unit}-{(2 * Unit) - 1}/{content.Length}", $"bytes {2 * Unit}-{content.Length - 1}/{content.Length}"], fixture.Server.ReceivedRanges);
        var info = await fixture.OneDrive.GetFileInfoAsync(Alice, stored, Ct);
        Assert.Equal(folder.Location.Combine("Blueprints.tiff"), info.Location);
        Assert.Equal(content.Length, info.Size);
        Assert.Equal(0, fixture.Server.OpenUploadSessions);
    }

    [Fact]
    public async Task Keep_both_fixes_the_free_name_in_the_session_and_leaves_the_existing_file_alone()
    {
        using var fixture = new OneDriveConformanceFixture();
        var folder = await fixture.ArrangeFolderAsync((await fixture.CreateTestFolderAsync("keep-both", Ct)).Combine("Inbox"), Ct);
        var existing = await fixture.ArrangeFileAsync(folder.Location.Combine("Plan.txt"), "old"u8.ToArray(), Ct);

        var link = await fixture.OneDrive.CreateUploadLinkAsync(Alice, folder.Id, "plan.txt", NameConflictPolicy.KeepBoth, Ct);
        var stored = await SendInRangesAsync(fixture, link, "new"u8.ToArray(), rangeSize: Unit);

        // Graph compares names without regard to case, so "plan.txt" is taken by "Plan.txt".
        Assert.Equal("plan (2).txt", link.FileName);
        Assert.Equal(folder.Location.Combine("plan (2).txt"), (await fixture.OneDrive.GetFileInfoAsync(Alice, stored, Ct)).Location);
        Assert.Equal(3, (await fixture.OneDrive.GetFileInfoAsync(Alice, existing.Id, Ct)).Size);
    }

    [Fact]
    public async Task Overwrite_replaces_the_content_and_keeps_the_id()
    {
        using var fixture = new OneDriveConformanceFixture();
        var folder = await fixture.ArrangeFolderAsync((await fixture.CreateTestFolderAsync("overwrite", Ct)).Combine("Inbox"), Ct);
        var existing = await fixture.ArrangeFileAsync(folder.Location.Combine("notes.txt"), "old"u8.ToArray(), Ct);

        var link = await fixture.OneDrive.CreateUploadLinkAsync(Alice, folder.Id, "notes.txt", NameConflictPolicy.Overwrite, Ct);
        var stored = await SendInRangesAsync(fixture, link, "newer"u8.ToArray(), rangeSize: Unit);

        Assert.Equal(existing.Id, stored);
        Assert.Equal(5, (await fixture.OneDrive.GetFileInfoAsync(Alice, existing.Id, Ct)).Size);
    }

    [Fact]
    public async Task A_taken_name_under_Fail_is_a_conflict_before_any_byte_is_sent()
    {
        using var fixture = new OneDriveConformanceFixture();
        var folder = await fixture.ArrangeFolderAsync((await fixture.CreateTestFolderAsync("fail", Ct)).Combine("Inbox"), Ct);
        await fixture.ArrangeFileAsync(folder.Location.Combine("notes.txt"), "old"u8.ToArray(), Ct);

        var error = await Assert.ThrowsAsync<StorageException>(() => fixture.OneDrive.CreateUploadLinkAsync(Alice, folder.Id, "notes.txt", NameConflictPolicy.Fail, Ct));

        Assert.Equal(StorageErrorCode.Conflict, error.Code);
        Assert.Equal(0, fixture.Server.OpenUploadSessions);
    }

    [Fact]
    public async Task A_folder_id_that_cannot_name_a_Graph_item_is_not_found_without_a_request()
    {
        using var fixture = new OneDriveConformanceFixture();
        var before = fixture.Server.Requests;

        var error = await Assert.ThrowsAsync<StorageException>(() => fixture.OneDrive.CreateUploadLinkAsync(Alice, new FileId("../root"), "a.txt", NameConflictPolicy.Fail, Ct));

        Assert.Equal(StorageErrorCode.NotFound, error.Code);
        Assert.Equal(before, fixture.Server.Requests);
    }

    /// <summary>What a browser does with a <see cref="UploadProtocol.ByteRanges"/> link: consecutive ranges, no token; the last answer is the driveItem.</summary>
    private static async Task<FileId> SendInRangesAsync(OneDriveConformanceFixture fixture, UploadLink link, byte[] content, int rangeSize)
    {
        Assert.Equal(0, rangeSize % link.RangeUnit!.Value);
        using var browser = new HttpClient(fixture.Server, disposeHandler: false);
        for (var start = 0; ; start += rangeSize)
        {
            var length = Math.Min(rangeSize, content.Length - start);
            using var request = new HttpRequestMessage(new HttpMethod(link.Method), link.Url)
            {
                Content = new ByteArrayContent(content, start, length) { Headers = { ContentRange = new ContentRangeHeaderValue(start, start + length - 1, content.Length) } },
            };
            using var response = await browser.SendAsync(request, Ct);
            if (start + length < content.Length)
            {
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                continue;
            }

            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created, $"The last range answered {(int)response.StatusCode}.");
            using var item = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            return new FileId(item.RootElement.GetProperty("id").GetString()!);
        }
    }
}
