using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Sample;

/// <summary>
/// The other half: the host as the "OpenProject" that Nextcloud's integration_openproject app talks to. The host
/// maps the integration on loopback Kestrel (<see cref="NextcloudAppHost"/>); this sample then plays Nextcloud's app
/// over HTTP: it connects alice's account (OAuth2 with PKCE), links a file from the file's OpenProject tab, and the
/// host's own Files tab shows it.
/// </summary>
internal static class NextcloudAppSide
{
    public static async Task RunAsync(Story story)
    {
        var storage = new InMemoryFileStorage(new StorageId("nextcloud"), "Nextcloud");
        storage.AddUser("alice", "Alice Anderson");
        storage.Connect(InMemoryWorkPackageHost.Alice, "alice");
        var spec = storage.AddFile(StoragePath.Parse("/Specs/Integration spec.md"), "# spec", "text/markdown", "Alice Anderson");
        await using var host = await NextcloudAppHost.StartAsync(storage, InMemoryWorkPackageHost.CreateSeeded());

        story.Step("N1. Alice connects Nextcloud to the host (OAuth2 with PKCE, the host as the provider)");
        var asked = false;
        await host.ConnectAsync(InMemoryWorkPackageHost.Alice, page => asked = page.Contains("Authorize Nextcloud to read and write your work packages and file links", StringComparison.Ordinal));
        story.Say("the host asks: \"Authorize Nextcloud to read and write your work packages and file links\"; she clicks Authorize");
        story.Expect(asked, "the host shows its consent page before the first connection");
        using (var me = JsonDocument.Parse(await host.Http.GetStringAsync("/api/v3/users/me")))
        {
            var name = $"{me.RootElement.GetProperty("firstName").GetString()} {me.RootElement.GetProperty("lastName").GetString()}";
            story.Say($"Nextcloud stores the connected account as '{name}'");
            story.Expect(name == "Alice Anderson", "users/me answers the signed-in host user");
        }

        story.Step("N2. In Nextcloud's OpenProject tab of 'Integration spec.md' she links it to work package 42");
        var body = """{"_type":"Collection","_embedded":{"elements":[{"originData":{"id":FILE_ID,"name":"Integration spec.md","mimeType":"text\/markdown","createdAt":"1970-01-01T00:00:00.000Z","lastModifiedAt":"2026-12-05T11:21:25.000Z","createdByName":"","lastModifiedByName":""},"_links":{"storageUrl":{"href":"http:\/\/127.0.0.1:8080"}}}]}}""".Replace("FILE_ID", spec.Id.Value, StringComparison.Ordinal);
        using (var linked = await host.Http.PostAsync("/api/v3/work_packages/42/file_links", new StringContent(body, Encoding.UTF8, "application/json")))
        {
            story.Say($"POST /api/v3/work_packages/42/file_links → {(int)linked.StatusCode}");
            story.Expect(linked.StatusCode == HttpStatusCode.Created, "the link is created (the host read the file with alice's own Nextcloud access)");
        }

        story.Step("N3. The host's own Files tab of work package 42 shows the link made in Nextcloud");
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var tab = await scope.ServiceProvider.GetRequiredService<FileLinkService>().ListFileLinksAsync(InMemoryWorkPackageHost.Alice, ContainerRef.WorkPackage("42"));
            var entries = tab.Storages.SelectMany(s => s.Links).ToList();
            foreach (var entry in entries)
            {
                story.Say($"{entry.Link.Origin.Name} ({entry.Status})");
            }

            story.Expect(entries is [{ Status: FileLinkStatus.Available } only] && only.Link.OriginId == spec.Id, "exactly the linked file, available");
        }

        story.Step("N4. The tab in Nextcloud lists work package 42 for the file; unlinking there leaves the file");
        var filters = $$$"""[{"file_link_origin_id":{"operator":"=","values":["{{{spec.Id.Value}}}"]}},{"linkable_to_storage_url":{"operator":"=","values":["{{{Uri.EscapeDataString(NextcloudAppHost.NextcloudUrl)}}}"]}}]""";
        using (var linkedWorkPackages = JsonDocument.Parse(await host.Http.GetStringAsync("/api/v3/work_packages?filters=" + Uri.EscapeDataString(filters))))
        {
            var ids = linkedWorkPackages.RootElement.GetProperty("_embedded").GetProperty("elements").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToList();
            story.Say($"linked work packages: {string.Join(", ", ids)}");
            story.Expect(ids is [42], "work package 42 is listed for the file");
        }

        using var links = JsonDocument.Parse(await host.Http.GetStringAsync("/api/v3/work_packages/42/file_links"));
        var linkId = links.RootElement.GetProperty("_embedded").GetProperty("elements")[0].GetProperty("id").GetInt64();
        using var unlinked = await host.Http.DeleteAsync($"/api/v3/file_links/{linkId}");
        story.Say($"DELETE /api/v3/file_links/{linkId} → {(int)unlinked.StatusCode}");
        story.Expect(unlinked.StatusCode == HttpStatusCode.NoContent && storage.Find(spec.Id) is not null, "204, and the file is still in Nextcloud");
    }
}
