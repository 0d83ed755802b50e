using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
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

namespace OpenProject.Storages.Benchmarks.NextcloudApp;

/// <summary>
/// The two heavy calls Nextcloud's app makes to the host, over real HTTP on loopback Kestrel with the in-memory
/// storage: the OpenProject tab of a file linked to 1,000 work packages
/// (<c>work_packages?filters=[file_link_origin_id, linkable_to_storage_url]</c>, page size 1,000), and one
/// <c>POST file_links</c> of 1,000 files to a new work package. Run with:
/// <c>dotnet run -c Release --project benchmarks/OpenProject.Storages.Benchmarks -- --filter '*ApiV3Benchmarks*' --job short</c>
/// </summary>
[MemoryDiagnoser]
public class ApiV3Benchmarks : IAsyncDisposable
{
    private const int Count = 1_000;
    private const string UserHeader = "X-Host-User";
    private const string NextcloudUrl = "http://127.0.0.1:8080";
    private static readonly Uri RedirectUri = new(NextcloudUrl + "/index.php/apps/integration_openproject/oauth-redirect");
    private static readonly StorageId Nextcloud = new("nextcloud");

    private WebApplication? _app;
    private SqliteConnection? _connection;
    private HttpClient _http = null!;
    private InMemoryWorkPackageHost _workPackages = null!;
    private string _linkedQuery = null!;
    private string _linkBody = null!;
    private long _nextWorkPackage = 10_000;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var storage = new InMemoryFileStorage(Nextcloud, "Nextcloud");
        storage.AddUser("alice");
        storage.Connect(InMemoryWorkPackageHost.Alice, "alice");
        _workPackages = InMemoryWorkPackageHost.CreateSeeded();
        var template = _workPackages.WorkPackages.Single(wp => wp.Id == 42);
        for (var i = 0; i < Count; i++)
        {
            _workPackages.AddWorkPackage(template with { Id = 1_000 + i, Subject = $"Work package {i}" });
        }

        _connection = new SqliteConnection("DataSource=:memory:");
        await _connection.OpenAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddDbContext<OpenIddictDb>(o => o.UseSqlite(_connection).UseOpenIddict());
        builder.Services.AddAuthentication(HeaderSignIn.Name).AddScheme<AuthenticationSchemeOptions, HeaderSignIn>(HeaderSignIn.Name, null);
        builder.Services.AddAuthorization();
        builder.Services.AddOpenProjectStorages().AddInMemoryStorage(storage);
        builder.Services.AddSingleton<IFileLinkRepository>(new InMemoryFileLinkRepository());
        builder.Services.AddSingleton<IWorkPackageDirectory>(_workPackages);
        builder.Services.AddSingleton<IWorkPackageCreation>(_workPackages);
        builder.Services.AddSingleton<INotificationInbox>(_workPackages);
        builder.Services.AddSingleton<IFileLinkAuthorization>(_workPackages);
        builder.Services.AddNextcloudIntegration(o =>
            {
                o.ClientId = "opclientid";
                o.ClientSecret = "opclientsecret0123456789abcdef012";
                o.RedirectUri = RedirectUri;
                o.RequireHttps = false;
                o.RequireConsent = false; // the API is measured, not the consent page
            })
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<OpenIddictDb>())
            .AddServer(server => server.AddEphemeralEncryptionKey().AddEphemeralSigningKey());
        _app = builder.Build();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OpenIddictDb>().Database.EnsureCreatedAsync();
        }

        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapNextcloudIntegration();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
        _http.DefaultRequestHeaders.Authorization = new("Bearer", await ConnectAsync());
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("Nextcloud OpenProject integration");

        // One file linked to every work package (for the tab), and 1,000 files to link in one request.
        var shared = storage.AddFile(StoragePath.Parse("/shared/plan.md"), "# plan", "text/markdown");
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var fileLinks = scope.ServiceProvider.GetRequiredService<FileLinkService>();
            foreach (var wp in _workPackages.WorkPackages.Where(wp => wp.Id >= 1_000))
            {
                await fileLinks.LinkFilesAsync(InMemoryWorkPackageHost.Alice, wp.Container, Nextcloud, [shared.Id]);
            }
        }

        var filters = $"[{{\"file_link_origin_id\":{{\"operator\":\"=\",\"values\":[\"{shared.Id.Value}\"]}}}},{{\"linkable_to_storage_url\":{{\"operator\":\"=\",\"values\":[\"{Uri.EscapeDataString(NextcloudUrl)}\"]}}}}]";
        _linkedQuery = "/api/v3/work_packages?pageSize=1000&filters=" + Uri.EscapeDataString(filters) + "&sortBy=" + Uri.EscapeDataString("[[\"updatedAt\",\"desc\"]]");
        var files = Enumerable.Range(0, Count).Select(i => storage.AddFile(StoragePath.Parse($"/many/file{i:D4}.txt"), "x", "text/plain")).ToList();
        _linkBody = "{\"_type\":\"Collection\",\"_embedded\":{\"elements\":["
            + string.Join(',', files.Select(f => $"{{\"originData\":{{\"id\":{f.Id.Value},\"name\":\"{f.Name}\",\"mimeType\":\"text\\/plain\",\"createdAt\":\"1970-01-01T00:00:00.000Z\",\"lastModifiedAt\":\"2026-12-05T11:21:25.000Z\",\"createdByName\":\"\",\"lastModifiedByName\":\"\"}},\"_links\":{{\"storageUrl\":{{\"href\":\"http:\\/\\/127.0.0.1:8080\"}}}}}}"))
            + "]}}";
    }

    [IterationSetup(Target = nameof(LinkThousandFiles))]
    public void NewWorkPackage() =>
        _workPackages.AddWorkPackage(_workPackages.WorkPackages.Single(wp => wp.Id == 42) with { Id = ++_nextWorkPackage });

    [Benchmark(Description = "work_packages?filters=[file_link_origin_id] (1,000 linked)")]
    public async Task<int> TabOfFileLinkedToThousand()
    {
        using var response = await _http.GetAsync(_linkedQuery);
        var body = await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode == HttpStatusCode.OK ? body.Length : throw new InvalidOperationException(Encoding.UTF8.GetString(body));
    }

    [Benchmark(Description = "POST file_links with 1,000 elements")]
    public async Task<int> LinkThousandFiles()
    {
        using var content = new StringContent(_linkBody, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync($"/api/v3/work_packages/{_nextWorkPackage}/file_links", content);
        var body = await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode == HttpStatusCode.Created ? body.Length : throw new InvalidOperationException(Encoding.UTF8.GetString(body));
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>The app's connection: authorize with PKCE as the signed-in host user, then the code for tokens.</summary>
    private async Task<string> ConnectAsync()
    {
        var verifier = Convert.ToBase64String(RandomNumberGenerator.GetBytes(96)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        using var authorize = new HttpRequestMessage(HttpMethod.Get, $"/oauth/authorize?client_id=opclientid&redirect_uri={Uri.EscapeDataString(RedirectUri.ToString())}&response_type=code&state=0123456789&code_challenge={challenge}&code_challenge_method=S256");
        authorize.Headers.Add(UserHeader, InMemoryWorkPackageHost.Alice.Value);
        using var redirect = await _http.SendAsync(authorize);
        var code = QueryHelpers.ParseQuery(redirect.Headers.Location!.Query)["code"].ToString();
        using var token = await _http.PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "opclientid",
            ["client_secret"] = "opclientsecret0123456789abcdef012",
            ["code"] = code,
            ["redirect_uri"] = RedirectUri.ToString(),
            ["grant_type"] = "authorization_code",
            ["code_verifier"] = verifier,
        }));
        using var json = JsonDocument.Parse(await token.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    private sealed class OpenIddictDb(DbContextOptions<OpenIddictDb> options) : DbContext(options);

    /// <summary>The host's sign-in: the user named in a header.</summary>
    private sealed class HeaderSignIn(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string Name = "Host";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
            Task.FromResult(Request.Headers.TryGetValue(UserHeader, out var user) && !string.IsNullOrEmpty(user)
                ? AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user!)], Name)), Name))
                : AuthenticateResult.NoResult());
    }
}
