using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OpenProject.Storages.Nextcloud.Accounts.Tests.Fakes;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Nextcloud.Accounts.Tests;

/// <summary>The endpoints of docs/connect-your-accounts.md, in a real ASP.NET Core host, driven like a browser.</summary>
public sealed class DocumentedWiringTests
{
    [Fact]
    public async Task The_documented_connect_and_callback_endpoints_connect_a_user_end_to_end()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var server = new FakeNextcloudServer(time);
        var store = new InMemoryTokenStore();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<IStorageTokenStore>(store);
        builder.Services.AddOpenProjectStorages();
        builder.Services.AddNextcloudAccounts("nextcloud");
        builder.Services.AddHttpClient(NextcloudAccountsHttpClient.Name).ConfigurePrimaryHttpMessageHandler(() => server);
        var redirectUri = new Uri("http://127.0.0.1/placeholder"); // replaced once the port is known
        builder.Services.Configure<NextcloudStorageOptions>("nextcloud", options =>
        {
            options.BaseAddress = FakeNextcloudServer.Base;
            options.OAuthClientId = FakeNextcloudServer.ClientId;
            options.OAuthClientSecret = FakeNextcloudServer.ClientSecret;
            options.OAuthRedirectUri = redirectUri;
        });
        await using var app = builder.Build();

        // Stands in for the host's own authentication.
        app.Use((http, next) =>
        {
            http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, http.Request.Headers["X-Test-User"].ToString())], "test"));
            return next(http);
        });

        var nextcloud = new StorageId("nextcloud");
        app.MapGet("/nextcloud/connect", async (HttpContext http, NextcloudAccounts accounts, string? returnUrl) =>
        {
            var user = new HostUserId(http.User.FindFirstValue(ClaimTypes.NameIdentifier)!);
            var request = await accounts.BeginConnectAsync(nextcloud, user, returnUrl, http.RequestAborted);
            return Results.Redirect(request.AuthorizationUri.AbsoluteUri);
        });
        app.MapGet("/nextcloud/callback", async (HttpContext http, NextcloudAccounts accounts) =>
        {
            var user = new HostUserId(http.User.FindFirstValue(ClaimTypes.NameIdentifier)!);
            var callback = StorageConnectCallback.FromUrl(new Uri(http.Request.GetEncodedUrl()));
            try
            {
                var connection = await accounts.CompleteConnectAsync(user, callback, http.RequestAborted);
                var target = connection.ReturnUrl is { } url && Uri.IsWellFormedUriString(url, UriKind.Relative) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)
                    ? url
                    : "/";
                return Results.Redirect(target);
            }
            catch (StorageException error)
            {
                return Results.Content($"Connecting to Nextcloud failed: {error.Message}", "text/plain", statusCode: 400);
            }
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var callbackUri = new Uri(address, "/nextcloud/callback");
        app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<NextcloudStorageOptions>>().Get("nextcloud").OAuthRedirectUri = callbackUri;

        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = address };
        browser.DefaultRequestHeaders.Add("X-Test-User", "op-alice");

        using var start = await browser.GetAsync(new Uri("/nextcloud/connect?returnUrl=%2Fwork_packages%2F7", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var approved = server.Approve(start.Headers.Location!, "alice");
        using var back = await browser.GetAsync(new Uri(callbackUri + approved.Query));
        using var replay = await browser.GetAsync(new Uri(callbackUri + approved.Query));

        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal("/work_packages/7", back.Headers.Location!.OriginalString);
        Assert.Equal("alice", (await store.GetAsync(nextcloud, new HostUserId("op-alice")))!.Token.StorageUserId);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Contains("already used", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await app.StopAsync();
    }
}
