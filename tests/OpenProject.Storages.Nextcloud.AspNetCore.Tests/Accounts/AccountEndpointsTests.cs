using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Nextcloud.AspNetCore.Tests.Accounts;

/// <summary>The host's users connect their Nextcloud account through the mapped endpoints: button, callback, disconnect.</summary>
public sealed class AccountEndpointsTests
{
    private const string UserHeader = "X-Host-User";
    private static readonly StorageId Nextcloud = new("nextcloud");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Connect_then_callback_stores_the_token_and_returns_to_the_work_package_and_disconnect_forgets_it()
    {
        var tokenEndpoint = new TokenEndpoint(HttpStatusCode.OK);
        await using var app = await StartAsync(tokenEndpoint);
        using var http = app.GetTestServer().CreateClient();

        var authorize = await ConnectAsync(http, "/work_packages/42");
        using var callback = await GetAsync(http, CallbackPath(authorize, "the-code"));
        var tokens = app.Services.GetRequiredService<InMemoryTokenStore>();
        var stored = await tokens.GetAsync(Nextcloud, new HostUserId("7"), Ct);
        using var disconnect = new HttpRequestMessage(HttpMethod.Post, "/nextcloud/disconnect");
        disconnect.Headers.Add(UserHeader, "7");
        using var disconnected = await http.SendAsync(disconnect, Ct);

        Assert.Equal("cloud.example.com", authorize.Host);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/work_packages/42", callback.Headers.Location!.OriginalString);
        Assert.Equal("alice", stored!.Token.StorageUserId);
        Assert.Equal(HttpStatusCode.NoContent, disconnected.StatusCode);
        Assert.Null(await tokens.GetAsync(Nextcloud, new HostUserId("7"), Ct));
    }

    [Fact]
    public async Task A_return_url_to_another_site_is_dropped_and_the_user_lands_on_the_home_page()
    {
        await using var app = await StartAsync(new TokenEndpoint(HttpStatusCode.OK));
        using var http = app.GetTestServer().CreateClient();

        var authorize = await ConnectAsync(http, "https://evil.example/phish");
        using var callback = await GetAsync(http, CallbackPath(authorize, "the-code"));

        Assert.Equal("/", callback.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_unusable_callback_is_400_nextcloud_down_is_503_and_nobody_signed_in_is_challenged()
    {
        await using var app = await StartAsync(new TokenEndpoint(HttpStatusCode.ServiceUnavailable));
        using var http = app.GetTestServer().CreateClient();

        using var anonymous = await http.GetAsync("/nextcloud/connect", Ct);
        using var unknownState = await GetAsync(http, "/nextcloud/callback?state=never-issued&code=x");
        var denied = await ConnectAsync(http, null);
        using var deniedCallback = await GetAsync(http, $"/nextcloud/callback?state={QueryHelpers.ParseQuery(denied.Query)["state"]}&error=access_denied");
        var down = await ConnectAsync(http, null);
        using var downCallback = await GetAsync(http, CallbackPath(down, "the-code"));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownState.StatusCode);
        Assert.Contains("text/html", unknownState.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        Assert.DoesNotContain("never-issued", await unknownState.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, deniedCallback.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, downCallback.StatusCode);
    }

    private static async Task<Uri> ConnectAsync(HttpClient http, string? returnUrl)
    {
        using var connect = await GetAsync(http, "/nextcloud/connect" + (returnUrl is null ? string.Empty : "?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        Assert.Equal(HttpStatusCode.Redirect, connect.StatusCode);
        return connect.Headers.Location!;
    }

    private static string CallbackPath(Uri authorize, string code) =>
        $"/nextcloud/callback?state={Uri.EscapeDataString(QueryHelpers.ParseQuery(authorize.Query)["state"].ToString())}&code={code}";

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(UserHeader, "7");
        return await http.SendAsync(request, Ct);
    }

    private static async Task<WebApplication> StartAsync(TokenEndpoint tokenEndpoint)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication(HostSignIn.Name).AddScheme<AuthenticationSchemeOptions, HostSignIn>(HostSignIn.Name, null);
        builder.Services.AddAuthorization();
        builder.Services.AddOpenProjectStorages().AddNextcloudStorage(Nextcloud.Value, o =>
        {
            o.BaseAddress = new Uri("https://cloud.example.com/");
            o.OAuthClientId = "host-client";
            o.OAuthClientSecret = "host-client-secret";
            o.OAuthRedirectUri = new Uri("http://localhost/nextcloud/callback");
        });
        builder.Services.AddSingleton<InMemoryTokenStore>();
        builder.Services.AddSingleton<IStorageTokenStore>(sp => sp.GetRequiredService<InMemoryTokenStore>());
        builder.Services.AddSingleton<IFileLinkRepository, InMemoryFileLinkRepository>();
        builder.Services.AddSingleton<IFileLinkAuthorization, InMemoryFileLinkAuthorization>();
        builder.Services.AddNextcloudAccounts(Nextcloud.Value);
        builder.Services.AddHttpClient(NextcloudAccountsHttpClient.Name).ConfigurePrimaryHttpMessageHandler(() => tokenEndpoint);
        var app = builder.Build();
        app.UseAuthentication();
        app.MapNextcloudAccountEndpoints();
        await app.StartAsync(Ct);
        return app;
    }

    /// <summary>Nextcloud's token endpoint: a token for alice, or a failure status.</summary>
    private sealed class TokenEndpoint(HttpStatusCode status) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status)
            {
                Content = new StringContent(
                    status == HttpStatusCode.OK ? """{"access_token":"access-1","token_type":"Bearer","expires_in":3600,"refresh_token":"refresh-1","user_id":"alice"}""" : "<html>maintenance</html>",
                    Encoding.UTF8,
                    status == HttpStatusCode.OK ? "application/json" : "text/html"),
            });
    }

    /// <summary>The host's sign-in: the user named in a header, or nobody (challenge → 401).</summary>
    private sealed class HostSignIn(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string Name = "Host";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
            Task.FromResult(Request.Headers.TryGetValue(UserHeader, out var user) && !string.IsNullOrEmpty(user)
                ? AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user!)], Name)), Name))
                : AuthenticateResult.NoResult());
    }
}
