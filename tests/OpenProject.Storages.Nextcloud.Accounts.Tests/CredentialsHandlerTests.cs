using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenProject.Storages.Nextcloud.Accounts.Tests.Fakes;
using OpenProject.Storages.Nextcloud.Internal;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Nextcloud.Accounts.Tests;

public sealed class CredentialsHandlerTests
{
    private static readonly HostUserId Alice = new("op-alice");

    [Fact]
    public async Task A_user_request_carries_the_user_s_bearer_token()
    {
        using var app = AppInstance.Create(out _);
        await app.ConnectAsync(Alice);

        using var response = await app.FilesClient().SendAsync(Dav(StorageActor.ForUser(Alice)));

        Assert.Equal((HttpStatusCode)207, response.StatusCode);
        var header = Assert.Single(app.Server.DavAuthorizationHeaders);
        Assert.StartsWith("Bearer ", header, StringComparison.Ordinal);
        Assert.True(app.Server.IsValidAccessToken(header!["Bearer ".Length..]));
    }

    [Fact]
    public async Task A_technical_user_request_carries_Basic_credentials_of_the_app_password()
    {
        using var app = AppInstance.Create(out _);

        using var response = await app.FilesClient().SendAsync(Dav(StorageActor.TechnicalUser));

        var header = Assert.Single(app.Server.DavAuthorizationHeaders);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("OpenProject:a:b\"c\\d<e>f")), header);
    }

    [Fact]
    public async Task A_request_without_actor_carries_no_credentials()
    {
        using var app = AppInstance.Create(out _);

        using var response = await app.FilesClient().SendAsync(new HttpRequestMessage(new HttpMethod("PROPFIND"), new Uri(FakeNextcloudServer.Base, "remote.php/dav/files/alice/")));

        Assert.Null(Assert.Single(app.Server.DavAuthorizationHeaders));
    }

    [Theory]
    [InlineData("OpenProject", "plain")]
    [InlineData("OpenProject", "with:colons:and \"quotes\" \\ back<slash>")]
    [InlineData("OpenProject", "ümlaut-пароль-🔑")]
    public void Basic_credentials_are_UTF8_then_base64_and_keep_every_character(string user, string password)
    {
        var header = NextcloudTechnicalUserCredentials.CreateAuthorizationHeader(user, password);

        Assert.Equal("Basic", header.Scheme);
        Assert.Equal($"{user}:{password}", Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter!)));
    }

    [Fact]
    public void A_user_name_with_a_colon_cannot_be_sent_as_Basic_credentials()
    {
        Assert.Throws<ArgumentException>(() => NextcloudTechnicalUserCredentials.CreateAuthorizationHeader("Open:Project", "x"));
        var error = Assert.Throws<StorageException>(() => NextcloudTechnicalUserCredentials.CreateAuthorizationHeader(new NextcloudStorageOptions { TechnicalUserAppPassword = null }));
        Assert.Equal(StorageErrorCode.NotConfigured, error.Code);
    }

    [Fact]
    public void The_strategy_follows_the_actor()
    {
        Assert.Equal(NextcloudAuthenticationStrategy.UserBearerToken, NextcloudCredentialsHandler.SelectStrategy(StorageActor.ForUser(Alice)));
        Assert.Equal(NextcloudAuthenticationStrategy.TechnicalUserBasic, NextcloudCredentialsHandler.SelectStrategy(StorageActor.TechnicalUser));
        Assert.Equal(NextcloudAuthenticationStrategy.None, NextcloudCredentialsHandler.SelectStrategy(new HttpRequestMessage()));
        Assert.Equal(NextcloudAuthenticationStrategy.UserBearerToken, NextcloudCredentialsHandler.SelectStrategy(Dav(StorageActor.ForUser(Alice))));
    }

    [Theory]
    [InlineData("https://evil.example.com/nextcloud/remote.php/dav/files/alice/")]
    [InlineData("http://cloud.example.com/nextcloud/remote.php/dav/files/alice/")]
    [InlineData("https://cloud.example.com:8443/nextcloud/remote.php/dav/files/alice/")]
    [InlineData("https://cloud.example.com/other-app/remote.php/dav/files/alice/")]
    public async Task A_request_outside_the_configured_Nextcloud_never_carries_credentials(string url)
    {
        using var app = AppInstance.Create(out _);
        await app.ConnectAsync(Alice);

        foreach (var actor in new[] { StorageActor.ForUser(Alice), StorageActor.TechnicalUser })
        {
            var request = Dav(actor, new Uri(url));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "set-by-caller");
            using var response = await app.FilesClient().SendAsync(request);
        }

        Assert.All(app.Server.ForeignAuthorizationHeaders.Concat(app.Server.DavAuthorizationHeaders), Assert.Null);
        Assert.Equal(2, app.Server.ForeignAuthorizationHeaders.Count + app.Server.DavAuthorizationHeaders.Count);
    }

    [Fact]
    public async Task A_401_gets_a_fresh_token_and_the_request_is_retried_once()
    {
        using var app = AppInstance.Create(out _);
        await app.ConnectAsync(Alice);
        var cached = await app.Tokens.GetAccessTokenAsync(AppInstance.Storage, Alice);

        // Another instance refreshes: the cached access token dies at once.
        var stored = await app.Store.GetAsync(AppInstance.Storage, Alice);
        var rotated = app.Server.RefreshDirectly(stored!.Token.RefreshToken!)!;
        await app.Store.TryWriteAsync(AppInstance.Storage, Alice, rotated, stored.Version);

        var request = Dav(StorageActor.ForUser(Alice));
        request.Content = new StringContent("<d:propfind xmlns:d=\"DAV:\"><d:prop><d:getetag/></d:prop></d:propfind>", Encoding.UTF8, "application/xml");
        using var response = await app.FilesClient().SendAsync(request);

        Assert.Equal((HttpStatusCode)207, response.StatusCode);
        Assert.Equal(2, app.Server.DavAuthorizationHeaders.Count);
        Assert.Equal(new HashSet<string?> { "Bearer " + cached.Value, "Bearer " + rotated.AccessToken }, app.Server.DavAuthorizationHeaders.ToHashSet());
        Assert.Equal(2, app.Server.DavBodies.Count);
        Assert.Single(app.Server.DavBodies.Distinct());
        Assert.Equal(0, app.Server.RefreshRequests);
    }

    [Fact]
    public async Task A_401_with_a_body_that_cannot_be_sent_again_is_not_retried_but_the_token_is_renewed()
    {
        using var app = AppInstance.Create(out _);
        await app.ConnectAsync(Alice);
        var cached = await app.Tokens.GetAccessTokenAsync(AppInstance.Storage, Alice);
        var stored = await app.Store.GetAsync(AppInstance.Storage, Alice);
        var rotated = app.Server.RefreshDirectly(stored!.Token.RefreshToken!)!;
        await app.Store.TryWriteAsync(AppInstance.Storage, Alice, rotated, stored.Version);

        var request = Dav(StorageActor.ForUser(Alice), method: HttpMethod.Put);
        request.Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("file content")));
        using var response = await app.FilesClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Single(app.Server.DavAuthorizationHeaders);
        Assert.Equal(rotated.AccessToken, (await app.Tokens.GetAccessTokenAsync(AppInstance.Storage, Alice)).Value);
        Assert.NotEqual(cached.Value, rotated.AccessToken);
    }

    [Fact]
    public async Task A_second_401_is_returned_without_another_retry()
    {
        using var app = AppInstance.Create(out _);
        await app.ConnectAsync(Alice);
        var handler = new NextcloudCredentialsHandler(AppInstance.Storage, app.Tokens, app.Services.GetRequiredService<IOptionsMonitor<NextcloudStorageOptions>>(), app.Services.GetRequiredService<ILogger<NextcloudCredentialsHandler>>())
        {
            InnerHandler = new AlwaysUnauthorized(),
        };
        using var client = new HttpClient(handler);

        using var response = await client.SendAsync(Dav(StorageActor.ForUser(Alice)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(2, ((AlwaysUnauthorized)handler.InnerHandler).Requests);
        Assert.Equal(1, app.Server.RefreshRequests);
    }

    [Fact]
    public void Only_bodies_held_in_memory_are_sent_again()
    {
        Assert.True(NextcloudCredentialsHandler.CanReplay(null));
        Assert.True(NextcloudCredentialsHandler.CanReplay(new StringContent("x")));
        Assert.True(NextcloudCredentialsHandler.CanReplay(new ByteArrayContent([1])));
        Assert.True(NextcloudCredentialsHandler.CanReplay(new FormUrlEncodedContent([])));
        Assert.True(NextcloudCredentialsHandler.CanReplay(new ReadOnlyMemoryContent(new byte[1])));
        Assert.False(NextcloudCredentialsHandler.CanReplay(new StreamContent(Stream.Null)));
    }

    [Fact]
    public async Task Credentials_do_not_follow_a_real_redirect_to_another_host()
    {
        var seenByOtherHost = new List<string?>();
        await using var other = await StartAsync(app => app.MapGet("/steal", (HttpContext context) =>
        {
            seenByOtherHost.Add(context.Request.Headers.Authorization.FirstOrDefault());
            return "stolen";
        }));
        var otherUrl = Address(other);
        string? seenByNextcloud = null;
        await using var nextcloud = await StartAsync(app => app.MapGet("/nextcloud/remote.php/dav/files/alice/f.txt", (HttpContext context) =>
        {
            seenByNextcloud = context.Request.Headers.Authorization.FirstOrDefault();
            return Results.Redirect(new Uri(otherUrl, "/steal").AbsoluteUri);
        }));
        var nextcloudBase = new Uri(Address(nextcloud), "/nextcloud/");

        var time = TimeProvider.System;
        var store = new InMemoryTokenStore();
        await store.TryWriteAsync(AppInstance.Storage, Alice, new StorageToken { AccessToken = "user-access-token", RefreshToken = "r", ExpiresAt = time.GetUtcNow().AddHours(1), StorageUserId = "alice" }, null);
        var services = new ServiceCollection();
        services.AddSingleton<IStorageTokenStore>(store);
        services.Configure<NextcloudStorageOptions>(AppInstance.StorageName, o =>
        {
            o.BaseAddress = nextcloudBase;
            o.OAuthClientId = "id";
            o.OAuthClientSecret = "secret";
            o.OAuthRedirectUri = new Uri("https://op.example.com/callback");
        });
        services.AddNextcloudAccounts(AppInstance.StorageName);
        services.AddHttpClient("files").AddNextcloudCredentialsHandler(AppInstance.StorageName); // the real primary handler, following redirects
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("files");

        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(nextcloudBase, "remote.php/dav/files/alice/f.txt"));
        request.Options.Set(NextcloudRequestOptions.Actor, StorageActor.ForUser(Alice));
        using var response = await client.SendAsync(request);

        Assert.Equal("stolen", await response.Content.ReadAsStringAsync());
        Assert.Equal("Bearer user-access-token", seenByNextcloud);
        Assert.Equal([null], seenByOtherHost);
    }

    [Fact]
    public async Task A_token_request_never_follows_a_redirect_so_the_client_secret_and_refresh_token_stay_with_Nextcloud()
    {
        var seenByOtherHost = new List<string>();
        await using var other = await StartAsync(app => app.MapPost("/steal", async (HttpContext context) =>
        {
            seenByOtherHost.Add(await new StreamReader(context.Request.Body).ReadToEndAsync());
            return Results.Json(new { access_token = "stolen", refresh_token = "stolen", expires_in = 3600, user_id = "alice" });
        }));
        var otherUrl = Address(other);
        var tokenRequests = 0;
        await using var nextcloud = await StartAsync(app => app.MapPost("/nextcloud/index.php/apps/oauth2/api/v1/token", () =>
        {
            tokenRequests++;
            return Results.Redirect(new Uri(otherUrl, "/steal").AbsoluteUri, permanent: false, preserveMethod: true);
        }));

        var time = TimeProvider.System;
        var store = new InMemoryTokenStore();
        await store.TryWriteAsync(AppInstance.Storage, Alice, new StorageToken { AccessToken = "expired-access-token", RefreshToken = "alice-refresh-token", ExpiresAt = time.GetUtcNow().AddHours(-1), StorageUserId = "alice" }, null);
        var services = new ServiceCollection();
        services.AddSingleton<IStorageTokenStore>(store);
        services.Configure<NextcloudStorageOptions>(AppInstance.StorageName, o =>
        {
            o.BaseAddress = new Uri(Address(nextcloud), "/nextcloud/");
            o.OAuthClientId = "id";
            o.OAuthClientSecret = "client-secret";
            o.OAuthRedirectUri = new Uri("https://op.example.com/callback");
        });
        services.AddNextcloudAccounts(AppInstance.StorageName); // the accounts client with its real primary handler
        await using var provider = services.BuildServiceProvider();
        var tokens = provider.GetRequiredService<NextcloudAccessTokenProvider>();

        var error = await Assert.ThrowsAsync<StorageException>(() => tokens.GetAccessTokenAsync(AppInstance.Storage, Alice).AsTask());

        Assert.Equal(1, tokenRequests);
        Assert.Empty(seenByOtherHost);
        Assert.Equal(StorageErrorCode.NotConfigured, error.Code);
        Assert.Equal(307, error.HttpStatus);
        Assert.DoesNotContain("client-secret", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("alice-refresh-token", (await store.GetAsync(AppInstance.Storage, Alice))!.Token.RefreshToken);
    }

    private static HttpRequestMessage Dav(StorageActor actor, Uri? uri = null, HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? new HttpMethod("PROPFIND"), uri ?? new Uri(FakeNextcloudServer.Base, "remote.php/dav/files/alice/"));
        request.Options.Set(NextcloudRequestOptions.Actor, actor);
        request.Options.Set(NextcloudRequestOptions.Storage, AppInstance.Storage);
        return request;
    }

    private static async Task<WebApplication> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return app;
    }

    private static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    private sealed class AlwaysUnauthorized : HttpMessageHandler
    {
        private int _requests;

        public int Requests => _requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Unauthorized));
        }
    }
}
