using System.Net;
using OpenProject.Storages.Nextcloud.AspNetCore.Tests.Fixtures;
using static OpenProject.Storages.Nextcloud.AspNetCore.Tests.Fixtures.AppRequests;

namespace OpenProject.Storages.Nextcloud.AspNetCore.Tests.ApiV3;

/// <summary>
/// The whole dance as Nextcloud does it: authorize with PKCE and state, code, <c>users/me</c>; later a 401, a refresh
/// with form-body credentials, and the same POST body again (recordings 005–008, 126–128).
/// </summary>
public sealed class ReactiveRefreshTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_a_401_the_app_refreshes_retries_the_same_post_and_the_old_refresh_token_is_dead()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ProviderHost.StartAsync(o => o.RefreshTokenReuseLeeway = TimeSpan.Zero, time);
        using var http = host.CreateClient();
        var app = await NextcloudAppClient.ConnectAsync(http, "7");
        Assert.Equal("Alice", (await app.GetAsync("/api/v3/users/me")).Json.GetProperty("firstName").GetString());
        var file = host.Storage.AddFile(StoragePath.Parse("/retry.txt"), "x", "text/plain");
        var oldRefresh = app.RefreshToken;

        // The access token expires (two hours), so the next call gets 401 first.
        time.Advance(TimeSpan.FromHours(3));

        var linked = await app.PostAsync("/api/v3/work_packages/42/file_links", FileLinks((long.Parse(file.Id.Value, System.Globalization.CultureInfo.InvariantCulture), "retry.txt", "text/plain")));

        Assert.Equal(1, app.Refreshes);
        Assert.Equal(HttpStatusCode.Created, linked.Status);
        Assert.NotEqual(oldRefresh, app.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/v3/users/me")).Status);

        // A replayed refresh token is refused, and the replay revokes the whole chain: a stolen one is worth nothing.
        Assert.Equal(HttpStatusCode.BadRequest, await RefreshStatusAsync(http, oldRefresh));
        Assert.Equal(HttpStatusCode.BadRequest, await RefreshStatusAsync(http, app.RefreshToken));
    }

    private static async Task<HttpStatusCode> RefreshStatusAsync(HttpClient http, string refreshToken)
    {
        using var request = NextcloudApp.RefreshRequest(refreshToken);
        using var response = await http.SendAsync(request, Ct);
        return response.StatusCode;
    }
}
