using System.Net;
using OpenProject.Storages.Nextcloud.AspNetCore.Tests.Fixtures;
using static OpenProject.Storages.Nextcloud.AspNetCore.Tests.ApiV3.OpenProjectTabTests;
using static OpenProject.Storages.Nextcloud.AspNetCore.Tests.Fixtures.AppRequests;

namespace OpenProject.Storages.Nextcloud.AspNetCore.Tests.ApiV3;

/// <summary>The dashboard widget: unread notifications and marking a work package's read (recordings 065–071).</summary>
public sealed class DashboardTests
{
    [Fact]
    public async Task Unread_notifications_carry_what_the_widget_reads_and_read_ian_marks_a_work_packages_read_with_204()
    {
        await using var host = await ProviderHost.StartAsync();
        using var http = host.CreateClient();
        var app = await NextcloudAppClient.ConnectAsync(http, "7");

        var before = await app.GetAsync(UnreadNotifications());
        var read = await app.PostAsync(ReadIan(42), null);
        var after = await app.GetAsync(UnreadNotifications());

        var first = Elements(before)[0];
        var links = first.GetProperty("_links");
        Assert.Equal("Write the integration spec", links.GetProperty("resource").GetProperty("title").GetString());
        Assert.EndsWith("/work_packages/42", links.GetProperty("resource").GetProperty("href").GetString(), StringComparison.Ordinal);
        Assert.Equal("Nextcloud Integration", links.GetProperty("project").GetProperty("title").GetString());
        Assert.Equal("Bob Builder", links.GetProperty("actor").GetProperty("title").GetString());
        Assert.Equal("mentioned", first.GetProperty("reason").GetString());
        Assert.Equal(3, Elements(before).Count);
        Assert.Equal(HttpStatusCode.NoContent, read.Status);
        Assert.Equal(43, Assert.Single(Elements(after)).GetProperty("_links").GetProperty("resource").GetProperty("href").GetString()!.Split('/')[^1] is var id ? long.Parse(id, System.Globalization.CultureInfo.InvariantCulture) : 0);
    }
}
