using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenProject.Storages.Nextcloud.AspNetCore;
using OpenProject.Storages.Testing;
using OpenProject.Storages.WorkPackages;

namespace OpenProject.Storages.Sample;

/// <summary>
/// A host that maps the Nextcloud integration on loopback Kestrel, over the in-memory storage and work packages,
/// with OpenIddict's stores in an in-memory SQLite database; and what Nextcloud's app and the user's browser do to
/// connect (authorize with PKCE and state, consent, redeem the code). The sample's story and the API benchmarks use it.
/// </summary>
internal sealed partial class NextcloudAppHost : IAsyncDisposable
{
    public const string NextcloudUrl = "http://127.0.0.1:8080";
    private const string ClientId = "nextcloud-app";
    private static readonly Uri RedirectUri = new(NextcloudUrl + "/index.php/apps/integration_openproject/oauth-redirect");
    private readonly string _clientSecret;
    private readonly WebApplication _app;
    private readonly SqliteConnection _connection;

    private NextcloudAppHost(WebApplication app, SqliteConnection connection, string clientSecret)
    {
        _app = app;
        _connection = connection;
        _clientSecret = clientSecret;
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = address };
        Http.DefaultRequestHeaders.UserAgent.ParseAdd("Nextcloud OpenProject integration");
    }

    /// <summary>Nextcloud's app's client to the host (no redirects followed, its User-Agent).</summary>
    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<NextcloudAppHost> StartAsync(InMemoryFileStorage storage, InMemoryWorkPackageHost workPackages, Action<NextcloudIntegrationOptions>? configure = null)
    {
        var clientSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var connection = new SqliteConnection("DataSource=:memory:");
        await connection.OpenAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddDbContext<OpenIddictDb>(o => o.UseSqlite(connection).UseOpenIddict());
        builder.Services.AddAuthentication(SignedInUser.Name).AddScheme<AuthenticationSchemeOptions, SignedInUser>(SignedInUser.Name, null);
        builder.Services.AddAuthorization();
        builder.Services.AddOpenProjectStorages().AddInMemoryStorage(storage);
        builder.Services.AddSingleton<IFileLinkRepository, InMemoryFileLinkRepository>();
        builder.Services.AddSingleton<IWorkPackageDirectory>(workPackages);
        builder.Services.AddSingleton<IWorkPackageCreation>(workPackages);
        builder.Services.AddSingleton<INotificationInbox>(workPackages);
        builder.Services.AddSingleton<IFileLinkAuthorization>(workPackages);
        builder.Services.AddNextcloudIntegration(o =>
            {
                o.ClientId = ClientId;
                o.ClientSecret = clientSecret;
                o.RedirectUri = RedirectUri;
                o.RequireHttps = false; // loopback only; production hosts keep https
                configure?.Invoke(o);
            })
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<OpenIddictDb>())
            .AddServer(server => server.AddEphemeralEncryptionKey().AddEphemeralSigningKey());
        var app = builder.Build();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OpenIddictDb>().Database.EnsureCreatedAsync();
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.MapNextcloudIntegration();
        await app.StartAsync();
        return new NextcloudAppHost(app, connection, clientSecret);
    }

    /// <summary>
    /// Connects a host user as the app does, and sets the access token on <see cref="Http"/>; when the host shows
    /// its consent page, <paramref name="consentPage"/> gets it and the user clicks Authorize.
    /// </summary>
    public async Task ConnectAsync(HostUserId user, Action<string>? consentPage = null)
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(96));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        using var authorize = new HttpRequestMessage(HttpMethod.Get, $"/oauth/authorize?client_id={ClientId}&redirect_uri={Uri.EscapeDataString(RedirectUri.ToString())}&response_type=code&state=1a2b3c4d5e&code_challenge={challenge}&code_challenge_method=S256");
        authorize.Headers.Add(SignedInUser.Header, user.Value);
        using var first = await Http.SendAsync(authorize);
        var location = first.Headers.Location;
        if (first.StatusCode == HttpStatusCode.OK)
        {
            var page = await first.Content.ReadAsStringAsync();
            consentPage?.Invoke(page);

            // The browser posts the consent form back: its hidden fields, the antiforgery cookie, the answer.
            var fields = HiddenField().Matches(page).Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value))).Append(new("consent", "accept"));
            using var consent = new HttpRequestMessage(HttpMethod.Post, "/oauth/authorize") { Content = new FormUrlEncodedContent(fields) };
            consent.Headers.Add(SignedInUser.Header, user.Value);
            consent.Headers.Add("Cookie", string.Join("; ", first.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
            using var answered = await Http.SendAsync(consent);
            location = answered.Headers.Location;
        }

        var code = QueryHelpers.ParseQuery(location?.Query)["code"].ToString();
        using var token = await Http.PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = ClientId,
            ["client_secret"] = _clientSecret,
            ["code"] = code,
            ["redirect_uri"] = RedirectUri.ToString(),
            ["grant_type"] = "authorization_code",
            ["code_verifier"] = verifier,
        }));
        using var json = JsonDocument.Parse(await token.Content.ReadAsStringAsync());
        Http.DefaultRequestHeaders.Authorization = new("Bearer", json.RootElement.GetProperty("access_token").GetString());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.DisposeAsync();
        await _connection.DisposeAsync();
    }

    [System.Text.RegularExpressions.GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")]
    private static partial System.Text.RegularExpressions.Regex HiddenField();

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed class OpenIddictDb(DbContextOptions<OpenIddictDb> options) : DbContext(options);

    /// <summary>Stands in for the host's own cookie sign-in: here the browser says who is signed in. Never do this in a real host.</summary>
    private sealed class SignedInUser(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string Name = "Host";
        public const string Header = "X-Sample-User";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
            Task.FromResult(Request.Headers.TryGetValue(Header, out var user) && !string.IsNullOrEmpty(user)
                ? AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user!)], Name)), Name))
                : AuthenticateResult.NoResult());
    }
}
