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
using OpenProject.Storages.Testing;
using OpenProject.Storages.WorkPackages;

namespace OpenProject.Storages.Sample;

/// <summary>
/// The other half: the host as the "OpenProject" that Nextcloud's integration_openproject app talks to. The host
/// maps the integration on loopback Kestrel; this sample then plays Nextcloud's app over HTTP: it connects alice's
/// account (OAuth2 with PKCE), links a file from the file's OpenProject tab, and the host's own Files tab shows it.
/// </summary>
internal static partial class NextcloudAppSide
{
    private const string ClientId = "nextcloud-app";
    private const string NextcloudUrl = "http://127.0.0.1:8080";
    private static readonly Uri RedirectUri = new(NextcloudUrl + "/index.php/apps/integration_openproject/oauth-redirect");
    private static readonly string ClientSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    public static async Task RunAsync(Story story)
    {
        var storage = new InMemoryFileStorage(new StorageId("nextcloud"), "Nextcloud");
        storage.AddUser("alice", "Alice Anderson");
        storage.Connect(InMemoryWorkPackageHost.Alice, "alice");
        var spec = storage.AddFile(StoragePath.Parse("/Specs/Integration spec.md"), "# spec", "text/markdown", "Alice Anderson");
        var workPackages = InMemoryWorkPackageHost.CreateSeeded();

        await using var connection = new SqliteConnection("DataSource=:memory:");
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
                o.ClientSecret = ClientSecret;
                o.RedirectUri = RedirectUri;
                o.RequireHttps = false; // loopback only; production hosts keep https
            })
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<OpenIddictDb>())
            .AddServer(server => server.AddEphemeralEncryptionKey().AddEphemeralSigningKey());
        await using var app = builder.Build();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OpenIddictDb>().Database.EnsureCreatedAsync();
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.MapNextcloudIntegration();
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = address };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("Nextcloud OpenProject integration");

        story.Step("N1. Alice connects Nextcloud to the host (OAuth2 with PKCE, the host as the provider)");
        var token = await ConnectAsync(http, story);
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        using (var me = JsonDocument.Parse(await http.GetStringAsync("/api/v3/users/me")))
        {
            var name = $"{me.RootElement.GetProperty("firstName").GetString()} {me.RootElement.GetProperty("lastName").GetString()}";
            story.Say($"Nextcloud stores the connected account as '{name}'");
            story.Expect(name == "Alice Anderson", "users/me answers the signed-in host user");
        }

        story.Step("N2. In Nextcloud's OpenProject tab of 'Integration spec.md' she links it to work package 42");
        var body = """{"_type":"Collection","_embedded":{"elements":[{"originData":{"id":FILE_ID,"name":"Integration spec.md","mimeType":"text\/markdown","createdAt":"1970-01-01T00:00:00.000Z","lastModifiedAt":"2026-12-05T11:21:25.000Z","createdByName":"","lastModifiedByName":""},"_links":{"storageUrl":{"href":"http:\/\/127.0.0.1:8080"}}}]}}""".Replace("FILE_ID", spec.Id.Value, StringComparison.Ordinal);
        using (var linked = await http.PostAsync("/api/v3/work_packages/42/file_links", new StringContent(body, Encoding.UTF8, "application/json")))
        {
            story.Say($"POST /api/v3/work_packages/42/file_links → {(int)linked.StatusCode}");
            story.Expect(linked.StatusCode == HttpStatusCode.Created, "the link is created (the host read the file with alice's own Nextcloud access)");
        }

        story.Step("N3. The host's own Files tab of work package 42 shows the link made in Nextcloud");
        await using (var scope = app.Services.CreateAsyncScope())
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
        var filters = $$$"""[{"file_link_origin_id":{"operator":"=","values":["{{{spec.Id.Value}}}"]}},{"linkable_to_storage_url":{"operator":"=","values":["{{{Uri.EscapeDataString(NextcloudUrl)}}}"]}}]""";
        using (var linkedWorkPackages = JsonDocument.Parse(await http.GetStringAsync("/api/v3/work_packages?filters=" + Uri.EscapeDataString(filters))))
        {
            var ids = linkedWorkPackages.RootElement.GetProperty("_embedded").GetProperty("elements").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToList();
            story.Say($"linked work packages: {string.Join(", ", ids)}");
            story.Expect(ids is [42], "work package 42 is listed for the file");
        }

        using var links = JsonDocument.Parse(await http.GetStringAsync("/api/v3/work_packages/42/file_links"));
        var linkId = links.RootElement.GetProperty("_embedded").GetProperty("elements")[0].GetProperty("id").GetInt64();
        using var unlinked = await http.DeleteAsync($"/api/v3/file_links/{linkId}");
        story.Say($"DELETE /api/v3/file_links/{linkId} → {(int)unlinked.StatusCode}");
        story.Expect(unlinked.StatusCode == HttpStatusCode.NoContent && storage.Find(spec.Id) is not null, "204, and the file is still in Nextcloud");
        await app.StopAsync();
    }

    /// <summary>What Nextcloud's app and the user's browser do: authorize with PKCE and state, consent, then redeem the code.</summary>
    private static async Task<string> ConnectAsync(HttpClient http, Story story)
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(96));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        using var authorize = new HttpRequestMessage(HttpMethod.Get, $"/oauth/authorize?client_id={ClientId}&redirect_uri={Uri.EscapeDataString(RedirectUri.ToString())}&response_type=code&state=1a2b3c4d5e&code_challenge={challenge}&code_challenge_method=S256");
        authorize.Headers.Add(SignedInUser.Header, InMemoryWorkPackageHost.Alice.Value);
        using var consentPage = await http.SendAsync(authorize);
        var page = await consentPage.Content.ReadAsStringAsync();
        var asked = page.Contains("Authorize Nextcloud to read and write your work packages and file links", StringComparison.Ordinal);
        story.Say("the host asks: \"Authorize Nextcloud to read and write your work packages and file links\"; she clicks Authorize");
        story.Expect(asked, "the host shows its consent page before the first connection");

        // The browser posts the consent form back: its hidden fields, the antiforgery cookie, her answer.
        var fields = HiddenField().Matches(page).Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value))).Append(new("consent", "accept"));
        using var consent = new HttpRequestMessage(HttpMethod.Post, "/oauth/authorize") { Content = new FormUrlEncodedContent(fields) };
        consent.Headers.Add(SignedInUser.Header, InMemoryWorkPackageHost.Alice.Value);
        consent.Headers.Add("Cookie", string.Join("; ", consentPage.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
        using var redirect = await http.SendAsync(consent);
        var code = QueryHelpers.ParseQuery(redirect.Headers.Location?.Query)["code"].ToString();
        using var token = await http.PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = ClientId,
            ["client_secret"] = ClientSecret,
            ["code"] = code,
            ["redirect_uri"] = RedirectUri.ToString(),
            ["grant_type"] = "authorization_code",
            ["code_verifier"] = verifier,
        }));
        using var json = JsonDocument.Parse(await token.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("access_token").GetString()!;
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
