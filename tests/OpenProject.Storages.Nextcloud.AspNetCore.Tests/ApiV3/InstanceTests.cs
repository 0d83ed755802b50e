using System.Net;
using System.Net.Http.Headers;
using OpenProject.Storages.Nextcloud.AspNetCore.Tests.Fixtures;

namespace OpenProject.Storages.Nextcloud.AspNetCore.Tests.ApiV3;

/// <summary>The instance check, the configuration, the connected user, avatars, statuses and types (recordings 002, 008, 022–026, 083, 087–089).</summary>
public sealed class InstanceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_instance_check_with_an_empty_bearer_gets_a_root_with_an_instance_name()
    {
        await using var host = await ProviderHost.StartAsync(o => o.InstanceName = "Acme Work");
        using var http = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v3/");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer");
        request.Headers.UserAgent.ParseAdd(NextcloudApp.UserAgent);

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/hal+json", response.Content.Headers.ContentType?.MediaType);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("Root", json.RootElement.GetProperty("_type").GetString());
        Assert.Equal("Acme Work", json.RootElement.GetProperty("instanceName").GetString());
    }

    [Fact]
    public async Task The_connected_user_the_configuration_at_its_double_slash_path_statuses_and_types_answer_what_the_app_reads()
    {
        await using var host = await ProviderHost.StartAsync();
        using var http = host.CreateClient();
        var app = await NextcloudAppClient.ConnectAsync(http, "7");

        var me = await app.GetAsync("/api/v3/users/me");
        var configuration = await app.GetAsync("/api/v3//configuration");
        var status = await app.GetAsync("/api/v3/statuses/7");
        var type = await app.GetAsync("/api/v3/types/1");

        Assert.Equal(7, me.Json.GetProperty("id").GetInt64());
        Assert.Equal("Alice", me.Json.GetProperty("firstName").GetString());
        Assert.Equal("Anderson", me.Json.GetProperty("lastName").GetString());
        Assert.Equal("Configuration", configuration.Json.GetProperty("_type").GetString());
        Assert.Equal(7, status.Json.GetProperty("id").GetInt64());
        Assert.Equal("#F98E2B", status.Json.GetProperty("color").GetString());
        Assert.Equal("#1A67A3", type.Json.GetProperty("color").GetString());
    }

    [Fact]
    public async Task An_avatar_has_exactly_the_media_type_of_its_bytes_and_a_user_without_one_is_404()
    {
        await using var host = await ProviderHost.StartAsync();
        using var http = host.CreateClient();
        var app = await NextcloudAppClient.ConnectAsync(http, "7");

        var alice = await app.GetAsync("/api/v3/users/7/avatar");
        var bob = await app.GetAsync("/api/v3/users/8/avatar");

        Assert.Equal(HttpStatusCode.OK, alice.Status);
        Assert.Equal("image/png", alice.ContentType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], alice.Body[..4]);
        Assert.Equal(HttpStatusCode.NotFound, bob.Status);
    }

    [Fact]
    public async Task Without_a_token_or_with_a_wrong_one_the_api_answers_401_with_an_error_body()
    {
        await using var host = await ProviderHost.StartAsync();
        using var http = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v3/users/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("urn:openproject-org:api:v3:errors:Unauthenticated", json.RootElement.GetProperty("errorIdentifier").GetString());
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
    }
}
