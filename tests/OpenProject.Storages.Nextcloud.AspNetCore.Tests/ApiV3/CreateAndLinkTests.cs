using System.Net;
using OpenProject.Storages.Nextcloud.AspNetCore.Tests.Fixtures;
using static OpenProject.Storages.Nextcloud.AspNetCore.Tests.ApiV3.OpenProjectTabTests;
using static OpenProject.Storages.Nextcloud.AspNetCore.Tests.Fixtures.AppRequests;

namespace OpenProject.Storages.Nextcloud.AspNetCore.Tests.ApiV3;

/// <summary>"Create and link a work package" in Nextcloud (recordings 043–062).</summary>
public sealed class CreateAndLinkTests
{
    [Fact]
    public async Task Projects_form_assignees_then_create_and_link_as_the_dialog_does()
    {
        await using var host = await ProviderHost.StartAsync();
        using var http = host.CreateClient();
        var app = await NextcloudAppClient.ConnectAsync(http, "7");
        var file = host.Storage.AddFile(StoragePath.Parse("/new.txt"), "x", "text/plain");

        var projects = await app.GetAsync(AvailableProjects());
        var searched = await app.GetAsync(AvailableProjects("Docs"));
        var form = await app.PostAsync("/api/v3/projects/3/work_packages/form", Draft(3, 6, 1, "Created from Nextcloud"));
        var assignees = await app.GetAsync("/api/v3/projects/3/available_assignees");
        var created = await app.PostAsync("/api/v3/work_packages", Draft(3, 6, 1, "Created from Nextcloud", assigneeId: 7, description: "Linked from **Nextcloud** file"));

        var all = Elements(projects);
        Assert.Equal([3, 4], all.Select(p => p.GetProperty("id").GetInt64()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, all[0].GetProperty("_links").GetProperty("parent").GetProperty("href").ValueKind);
        Assert.EndsWith("/projects/3", all[1].GetProperty("_links").GetProperty("parent").GetProperty("href").GetString(), StringComparison.Ordinal);
        Assert.Equal(4, Assert.Single(Elements(searched)).GetProperty("id").GetInt64());

        Assert.Equal("Form", form.Json.GetProperty("_type").GetString());
        var embedded = form.Json.GetProperty("_embedded");
        Assert.Equal("Bug", embedded.GetProperty("payload").GetProperty("_links").GetProperty("type").GetProperty("title").GetString());
        Assert.Equal(3, embedded.GetProperty("schema").GetProperty("type").GetProperty("_embedded").GetProperty("allowedValues").GetArrayLength());
        Assert.NotEmpty(embedded.GetProperty("schema").GetProperty("status").GetProperty("_embedded").GetProperty("allowedValues")[0].GetProperty("_links").GetProperty("self").GetProperty("href").GetString()!);
        Assert.Empty(embedded.GetProperty("validationErrors").EnumerateObject());

        Assert.Equal("Alice Anderson", Assert.Single(Elements(assignees)).GetProperty("_links").GetProperty("self").GetProperty("title").GetString());

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("WorkPackage", created.Json.GetProperty("_type").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Object, created.Json.GetProperty("_embedded").ValueKind);
        var id = created.Json.GetProperty("id").GetInt64();
        var linked = await app.PostAsync($"/api/v3/work_packages/{id}/file_links", FileLinks((long.Parse(file.Id.Value, System.Globalization.CultureInfo.InvariantCulture), "new.txt", "text/plain")));
        Assert.Equal(HttpStatusCode.Created, linked.Status);
        Assert.Equal("Linked from **Nextcloud** file", host.WorkPackages.WorkPackages.Single(w => w.Id == id).Description);
    }

    [Fact]
    public async Task A_blank_subject_is_one_property_constraint_violation_and_two_faults_are_multiple_errors()
    {
        await using var host = await ProviderHost.StartAsync();
        using var http = host.CreateClient();
        var app = await NextcloudAppClient.ConnectAsync(http, "7");
        var before = host.WorkPackages.WorkPackages.Count;

        var blank = await app.PostAsync("/api/v3/work_packages", Draft(3, 6, 1, ""));
        var two = await app.PostAsync("/api/v3/work_packages", Draft(3, 99, 1, "", assigneeId: 8));
        var form = await app.PostAsync("/api/v3/projects/3/work_packages/form", Draft(3, 1, 1, ""));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, blank.Status);
        Assert.Equal("urn:openproject-org:api:v3:errors:PropertyConstraintViolation", blank.Json.GetProperty("errorIdentifier").GetString());
        Assert.Equal("subject", blank.Json.GetProperty("_embedded").GetProperty("details").GetProperty("attribute").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, two.Status);
        Assert.Equal("urn:openproject-org:api:v3:errors:MultipleErrors", two.Json.GetProperty("errorIdentifier").GetString());
        Assert.Equal(3, two.Json.GetProperty("_embedded").GetProperty("errors").GetArrayLength());
        Assert.True(form.Json.GetProperty("_embedded").GetProperty("validationErrors").TryGetProperty("subject", out _));
        Assert.Equal(before, host.WorkPackages.WorkPackages.Count);
    }

    [Fact]
    public async Task A_viewer_gets_no_projects_to_create_in_and_a_project_they_cannot_see_is_404()
    {
        await using var host = await ProviderHost.StartAsync();
        using var http = host.CreateClient();
        var bob = await NextcloudAppClient.ConnectAsync(http, "8");

        var projects = await bob.GetAsync(AvailableProjects());
        var form = await bob.PostAsync("/api/v3/projects/4/work_packages/form", Draft(4, 1, 1, "x"));
        var assignees = await bob.GetAsync("/api/v3/projects/4/available_assignees");
        var create = await bob.PostAsync("/api/v3/work_packages", Draft(3, 1, 1, "Not allowed"));

        Assert.Empty(Elements(projects));
        Assert.Equal(HttpStatusCode.NotFound, form.Status);
        Assert.Equal(HttpStatusCode.NotFound, assignees.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, create.Status);
        Assert.Equal("project", create.Json.GetProperty("_embedded").GetProperty("details").GetProperty("attribute").GetString());
    }
}
