using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenProject.Storages.Testing;
using OpenProject.Storages.WorkPackages;

namespace OpenProject.Storages.Nextcloud.AspNetCore.Tests.Fixtures;

/// <summary>
/// A host as the docs describe it, on TestServer: its own sign-in (a header standing in for its cookie),
/// OpenIddict's stores on EF Core over an in-memory SQLite connection, the integration mapped, one
/// Bearer-protected probe that answers the token's subject, and behind the API the seeded in-memory work packages
/// (<see cref="InMemoryWorkPackageHost"/>), links and a Nextcloud stand-in storage where alice (host user 7) and bob
/// (8) are connected.
/// </summary>
internal sealed class ProviderHost : IAsyncDisposable
{
    public const string UserHeader = "X-Host-User";
    public const string ProbePath = "/probe/subject";

    public static readonly StorageId Nextcloud = new("nextcloud");

    private readonly WebApplication _app;
    private readonly SqliteConnection _connection;

    private ProviderHost(WebApplication app, SqliteConnection connection, InMemoryFileStorage storage, InMemoryWorkPackageHost workPackages)
    {
        _app = app;
        _connection = connection;
        Storage = storage;
        WorkPackages = workPackages;
    }

    /// <summary>The Nextcloud the links point into; alice and bob are its users.</summary>
    public InMemoryFileStorage Storage { get; }

    /// <summary>The host's own domain.</summary>
    public InMemoryWorkPackageHost WorkPackages { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The host's own Files tab and reverse lookup, as its UI would call them.</summary>
    public async Task<T> WithFileLinksAsync<T>(Func<FileLinkService, Task<T>> use)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<FileLinkService>());
    }

    public HttpClient CreateClient() => _app.GetTestServer().CreateClient();

    /// <param name="configure">Changes the integration's options.</param>
    /// <param name="time">The clock OpenIddict issues and checks tokens by (a fake one lets a test expire tokens); the system clock when <see langword="null"/>.</param>
    public static async Task<ProviderHost> StartAsync(Action<NextcloudIntegrationOptions>? configure = null, TimeProvider? time = null)
    {
        var storage = new InMemoryFileStorage(Nextcloud, "Nextcloud");
        storage.AddUser("alice");
        storage.AddUser("bob");
        storage.Connect(InMemoryWorkPackageHost.Alice, "alice");
        storage.Connect(InMemoryWorkPackageHost.Bob, "bob");
        var workPackages = InMemoryWorkPackageHost.CreateSeeded();

        var connection = new SqliteConnection("DataSource=:memory:");
        await connection.OpenAsync(TestContext.Current.CancellationToken);

        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddDbContext<OpenIddictDb>(o => o.UseSqlite(connection).UseOpenIddict());
        // Registered first so the schema exists before the integration writes its client.
        builder.Services.AddHostedService<CreateSchema>();
        builder.Services.AddAuthentication(HostSignIn.Name).AddScheme<AuthenticationSchemeOptions, HostSignIn>(HostSignIn.Name, null);
        builder.Services.AddAuthorization();
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddOpenProjectStorages().AddInMemoryStorage(storage);
        builder.Services.AddSingleton<IFileLinkRepository>(new InMemoryFileLinkRepository());
        builder.Services.AddSingleton(workPackages);
        builder.Services.AddSingleton<IWorkPackageDirectory>(workPackages);
        builder.Services.AddSingleton<IWorkPackageCreation>(workPackages);
        builder.Services.AddSingleton<INotificationInbox>(workPackages);
        builder.Services.AddSingleton<IFileLinkAuthorization>(workPackages);
        builder.Services.AddNextcloudIntegration(o =>
            {
                o.ClientId = NextcloudApp.ClientId;
                o.ClientSecret = NextcloudApp.ClientSecret;
                o.RedirectUri = NextcloudApp.RedirectUri;
                o.RequireHttps = false;
                configure?.Invoke(o);
            })
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<OpenIddictDb>())
            .AddServer(server => server.AddEphemeralEncryptionKey().AddEphemeralSigningKey());

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapNextcloudIntegration();
        app.MapGet(ProbePath, (ClaimsPrincipal user) => user.FindFirst("sub")?.Value)
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = NextcloudIntegrationDefaults.AuthenticationScheme });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new ProviderHost(app, connection, storage, workPackages);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private sealed class OpenIddictDb(DbContextOptions<OpenIddictDb> options) : DbContext(options);

    private sealed class CreateSchema(IServiceScopeFactory scopes) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<OpenIddictDb>().Database.EnsureCreatedAsync(cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>The host's own sign-in: the user named in a header, or nobody (challenge → 401).</summary>
    private sealed class HostSignIn(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string Name = "Host";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(UserHeader, out var user) || string.IsNullOrEmpty(user))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user!), new Claim(ClaimTypes.Name, user!)], Name);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Name)));
        }
    }
}
