using System.Net;
using System.Text.Json;
using OpenProject.Storages.Nextcloud.AspNetCore.Tests.Fixtures;
using OpenProject.Storages.Testing;
using static OpenProject.Storages.Nextcloud.AspNetCore.Tests.Fixtures.AppRequests;

namespace OpenProject.Storages.Nextcloud.AspNetCore.Tests.ApiV3;

/// <summary>The OpenProject tab of a file in Nextcloud: linked work packages, search, link, unlink (recordings 009–042, 130).</summary>
public sealed class OpenProjectTabTests
{
    [Fact]
    public async Task A_file_linked_from_Nextcloud_is_listed_in_the_tab_and_in_the_hosts_files_tab_and_reverse_lookup()
    {
        await using var host = await ProviderHost.StartAsync();
        using var http = host.CreateClient();
        var app = await NextcloudAppClient.ConnectAsync(http, "7");
        var file = host.Storage.AddFile(StoragePath.Parse("/Specs/spec.md"), "# spec", "text/markdown", createdBy: "alice");
        var fileId = long.Parse(file.Id.Value, System.Globalization.CultureInfo.InvariantCulture);

        var before = await app.GetAsync(WorkPackageQuery(true, OriginId(fileId), Linkable()));
        var linked = await app.PostAsync("/api/v3/work_packages/42/file_links", FileLinks((fileId, "spec.md", "text/markdown")));
        var after = await app.GetAsync(WorkPackageQuery(true, OriginId(fileId), Linkable()));

        Assert.Empty(Elements(before));
        Assert.Equal(HttpStatusCode.Created, linked.Status);
        Assert.Equal("Collection", linked.Json.GetProperty("_type").GetString());
        var link = Assert.Single(Elements(linked));
        Assert.Equal(JsonValueKind.Number, link.GetProperty("id").ValueKind);
        Assert.Equal(file.Id.Value, link.GetProperty("originData").GetProperty("id").GetString());

        var wp = Assert.Single(Elements(after));
        AssertUsableByTheApp(wp);
        Assert.Equal(42, wp.GetProperty("id").GetInt64());

        var tab = await host.WithFileLinksAsync(s => s.ListFileLinksAsync(InMemoryWorkPackageHost.Alice, ContainerRef.WorkPackage("42"), TestContext.Current.CancellationToken));
        var entry = Assert.Single(Assert.Single(tab.Storages).Links);
        Assert.Equal(FileLinkStatus.Available, entry.Status);
        Assert.Equal("spec.md", entry.Link.Origin.Name);
        var reverse = await host.WithFileLinksAsync(s => s.ListLinksToFileAsync(InMemoryWorkPackageHost.Alice, ProviderHost.Nextcloud, file.Id, TestContext.Current.CancellationToken));
        Assert.Equal("42", Assert.Single(reverse).Container.Id);
    }

    [Fact]
    public async Task A_link_made_in_the_host_shows_in_the_tab_with_https_and_a_trailing_slash_in_the_storage_url()
    {
        await using var host = await ProviderHost.StartAsync();
        using var http = host.CreateClient();
        var app = await NextcloudAppClient.ConnectAsync(http, "7");
        var file = host.Storage.AddFile(StoragePath.Parse("/report.pdf"), "pdf", "application/pdf");
        await host.WithFileLinksAsync(s => s.LinkFilesAsync(InMemoryWorkPackageHost.Alice, ContainerRef.WorkPackage("43"), ProviderHost.Nextcloud, [file.Id], TestContext.Current.CancellationToken));

        var listed = await app.GetAsync(WorkPackageQuery(true, OriginId(long.Parse(file.Id.Value, System.Globalization.CultureInfo.InvariantCulture)), Linkable("https://127.0.0.1:8080/")));
        var otherStorage = await app.GetAsync(WorkPackageQuery(true, OriginId(long.Parse(file.Id.Value, System.Globalization.CultureInfo.InvariantCulture)), Linkable("http://cloud.example.com")));

        Assert.Equal(43, Assert.Single(Elements(listed)).GetProperty("id").GetInt64());
        Assert.Empty(Elements(otherStorage));
    }

    [Fact]
    public async Task Twenty_five_files_in_one_request_are_linked_in_request_order_and_a_repeat_links_nothing_twice()
    {
        await using var host = await ProviderHost.StartAsync();
        using var http = host.CreateClient();
        var app = await NextcloudAppClient.ConnectAsync(http, "7");
        var files = Enumerable.Range(1, 25).Select(i => host.Storage.AddFile(StoragePath.Parse($"/many/file{i:0000}.txt"), "x", "text/plain")).Reverse().ToList();
        var body = FileLinks([.. files.Select(f => (long.Parse(f.Id.Value, System.Globalization.CultureInfo.InvariantCulture), f.Name, "text/plain"))]);

        var first = await app.PostAsync("/api/v3/work_packages/43/file_links", body);
        var again = await app.PostAsync("/api/v3/work_packages/43/file_links", body);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(files.Select(f => f.Id.Value), Elements(first).Select(e => e.GetProperty("originData").GetProperty("id").GetString()));
        Assert.Equal(Elements(first).Select(e => e.GetProperty("id").GetInt64()), Elements(again).Select(e => e.GetProperty("id").GetInt64()));
        var links = await app.GetAsync("/api/v3/work_packages/43/file_links");
        Assert.Equal(25, Elements(links).Count);
    }

    [Fact]
    public async Task A_file_the_user_cannot_see_in_Nextcloud_or_that_does_not_exist_links_nothing_and_the_answer_says_which()
    {
        await using var host = await ProviderHost.StartAsync();
        using var http = host.CreateClient();
        var app = await NextcloudAppClient.ConnectAsync(http, "7");
        var visible = host.Storage.AddFile(StoragePath.Parse("/shared/ok.txt"), "ok", "text/plain");
        var secret = host.Storage.AddFile(StoragePath.Parse("/bob-only/secret.txt"), "secret", "text/plain");
        host.Storage.Deny("alice", StoragePath.Parse("/bob-only"));
        long Id(StorageItem item) => long.Parse(item.Id.Value, System.Globalization.CultureInfo.InvariantCulture);

        // The origin data in the request claims a harmless name: it is never trusted.
        var forbidden = await app.PostAsync("/api/v3/work_packages/42/file_links", FileLinks((Id(visible), "ok.txt", "text/plain"), (Id(secret), "harmless.txt", "text/plain")));
        var missing = await app.PostAsync("/api/v3/work_packages/42/file_links", FileLinks((Id(visible), "ok.txt", "text/plain"), (999_999, "ghost.txt", "text/plain")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, forbidden.Status);
        Assert.Contains(secret.Id.Value, forbidden.Json.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.Status);
        Assert.Contains("999999", missing.Json.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(Elements(await app.GetAsync("/api/v3/work_packages/42/file_links")));
    }

    [Fact]
    public async Task The_static_origin_links_redirect_to_the_file_its_folder_and_its_download_after_the_storage_said_yes()
    {
        await using var host = await ProviderHost.StartAsync();
        using var http = host.CreateClient();
        var app = await NextcloudAppClient.ConnectAsync(http, "7");
        var file = host.Storage.AddFile(StoragePath.Parse("/Plans/open me.txt"), "x", "text/plain");
        await app.PostAsync("/api/v3/work_packages/42/file_links", FileLinks((long.Parse(file.Id.Value, System.Globalization.CultureInfo.InvariantCulture), "open me.txt", "text/plain")));
        var link = Elements(await app.GetAsync("/api/v3/work_packages/42/file_links")).Single(e => e.GetProperty("originData").GetProperty("id").GetString() == file.Id.Value);
        var links = link.GetProperty("_links");

        async Task<HttpResponseMessage> Get(string href)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, href);
            request.Headers.Authorization = new("Bearer", app.AccessToken);
            return await http.SendAsync(request, TestContext.Current.CancellationToken);
        }

        using var open = await Get(links.GetProperty("staticOriginOpen").GetProperty("href").GetString()!);
        using var location = await Get(links.GetProperty("staticOriginOpenLocation").GetProperty("href").GetString()!);
        using var download = await Get(links.GetProperty("staticOriginDownload").GetProperty("href").GetString()!);

        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        Assert.Equal(host.Storage.GetOpenLink(file.Id, OpenLinkTarget.File), open.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, location.StatusCode);
        Assert.Equal(host.Storage.GetOpenLink(file.Id, OpenLinkTarget.ContainingFolder), location.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, download.StatusCode);
        Assert.NotNull(download.Headers.Location);

        // A deleted file: the storage says no, so no redirect.
        host.Storage.Remove(file.Id);
        using var gone = await Get(links.GetProperty("staticOriginOpen").GetProperty("href").GetString()!);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using var unknown = await Get("/api/v3/file_links/999999/download");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Unlink_finds_the_link_by_origin_id_deletes_it_with_204_and_leaves_the_file_and_a_second_delete_is_404()
    {
        await using var host = await ProviderHost.StartAsync();
        using var http = host.CreateClient();
        var app = await NextcloudAppClient.ConnectAsync(http, "7");
        var file = host.Storage.AddFile(StoragePath.Parse("/keep.txt"), "keep", "text/plain");
        await app.PostAsync("/api/v3/work_packages/42/file_links", FileLinks((long.Parse(file.Id.Value, System.Globalization.CultureInfo.InvariantCulture), "keep.txt", "text/plain")));

        var links = await app.GetAsync("/api/v3/work_packages/42/file_links");
        var linkId = Elements(links).Single(e => int.Parse(e.GetProperty("originData").GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture) == int.Parse(file.Id.Value, System.Globalization.CultureInfo.InvariantCulture)).GetProperty("id").GetInt64();
        var deleted = await app.DeleteAsync($"/api/v3/file_links/{linkId}");
        var again = await app.DeleteAsync($"/api/v3/file_links/{linkId}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Empty(deleted.Body);
        Assert.Equal(HttpStatusCode.NotFound, again.Status);
        Assert.Equal("urn:openproject-org:api:v3:errors:NotFound", again.Json.GetProperty("errorIdentifier").GetString());
        Assert.NotNull(host.Storage.Find(file.Id));
        Assert.Empty(Elements(await app.GetAsync("/api/v3/work_packages/42/file_links")));
    }

    [Fact]
    public async Task Search_by_text_with_special_characters_by_id_as_text_and_by_id_for_previews()
    {
        await using var host = await ProviderHost.StartAsync();
        using var http = host.CreateClient();
        var app = await NextcloudAppClient.ConnectAsync(http, "7");
        host.WorkPackages.AddWorkPackage(host.WorkPackages.WorkPackages.Single(w => w.Id == 43) with { Id = 45, Subject = "Prüfe \"Größe\" & 100% Ümlaut/Pfad" });

        var text = await app.GetAsync(WorkPackageQuery(false, Typeahead("Größe\" & 100%"), Linkable()));
        var byIdText = await app.GetAsync(WorkPackageQuery(false, Typeahead("42"), Linkable()));
        var preview = await app.GetAsync(WorkPackageQuery(false, Id(43)));
        var unifiedSearch = await app.GetAsync(WorkPackageQuery(false, Typeahead("integration")));

        Assert.Equal(45, Assert.Single(Elements(text)).GetProperty("id").GetInt64());
        Assert.Equal(42, Assert.Single(Elements(byIdText)).GetProperty("id").GetInt64());
        var wp = Assert.Single(Elements(preview));
        AssertUsableByTheApp(wp);
        Assert.Equal(43, wp.GetProperty("id").GetInt64());
        Assert.Equal(42, Assert.Single(Elements(unifiedSearch)).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task A_viewer_finds_linked_work_packages_but_cannot_link_and_a_work_package_they_may_not_see_is_404()
    {
        await using var host = await ProviderHost.StartAsync();
        using var http = host.CreateClient();
        var bob = await NextcloudAppClient.ConnectAsync(http, "8");
        var file = host.Storage.AddFile(StoragePath.Parse("/shared.txt"), "x", "text/plain");
        await host.WithFileLinksAsync(s => s.LinkFilesAsync(InMemoryWorkPackageHost.Alice, ContainerRef.WorkPackage("42"), ProviderHost.Nextcloud, [file.Id], TestContext.Current.CancellationToken));
        var fileId = long.Parse(file.Id.Value, System.Globalization.CultureInfo.InvariantCulture);

        var linked = await bob.GetAsync(WorkPackageQuery(true, OriginId(fileId), Linkable()));
        var linkable = await bob.GetAsync(WorkPackageQuery(false, Typeahead("spec"), Linkable()));
        var link = await bob.PostAsync("/api/v3/work_packages/42/file_links", FileLinks((fileId, "shared.txt", "text/plain")));
        var invisible = await bob.GetAsync("/api/v3/work_packages/44/file_links");
        var unknown = await bob.GetAsync("/api/v3/work_packages/9999/file_links");

        Assert.Equal(42, Assert.Single(Elements(linked)).GetProperty("id").GetInt64());
        Assert.Empty(Elements(linkable));
        Assert.Equal(HttpStatusCode.Forbidden, link.Status);
        Assert.Equal(HttpStatusCode.NotFound, invisible.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
    }

    /// <summary>What the app's UI requires of a listed work package, or it drops it.</summary>
    internal static void AssertUsableByTheApp(JsonElement wp)
    {
        Assert.Equal(JsonValueKind.Number, wp.GetProperty("id").ValueKind);
        Assert.False(string.IsNullOrEmpty(wp.GetProperty("subject").GetString()));
        var links = wp.GetProperty("_links");
        foreach (var name in new[] { "status", "type", "project" })
        {
            Assert.False(string.IsNullOrEmpty(links.GetProperty(name).GetProperty("href").GetString()), name);
            Assert.False(string.IsNullOrEmpty(links.GetProperty(name).GetProperty("title").GetString()), name);
        }

        Assert.True(links.TryGetProperty("assignee", out _));
    }

    internal static List<JsonElement> Elements(NextcloudAppClient.Answer answer)
    {
        Assert.True(answer.Status is HttpStatusCode.OK or HttpStatusCode.Created, $"{(int)answer.Status}: {answer.Text}");
        return [.. answer.Json.GetProperty("_embedded").GetProperty("elements").EnumerateArray()];
    }
}
