using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using OpenProject.Storages.Testing;
using OpenProject.Storages.WebSample.Host;
using OpenProject.Storages.WebSample.Integration;
using OpenProject.Storages.WebSample.Login;
using OpenProject.Storages.WorkPackages;

namespace OpenProject.Storages.WebSample;

/// <summary>
/// The whole app: the host's own domain and sign-in, then the library on either the embedded in-memory storage (the default) or a
/// real Nextcloud when <c>Nextcloud:BaseAddress</c> is configured. Built here rather than in Program.cs so the browser tests run
/// exactly this app on a port of their own.
/// </summary>
public static class WebSampleApp
{
    /// <summary>Builds the app from <paramref name="options"/> (command-line arguments included); <paramref name="configure"/> runs last.</summary>
    public static WebApplication Build(WebApplicationOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(options);

        // The host's own domain and sign-in: seeded users, cookie authentication.
        var directory = new HostDirectory();
        builder.Services.AddSingleton(directory);
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie => cookie.LoginPath = "/SignIn");
        builder.Services.AddAuthorization();
        builder.Services.AddRazorPages(pages => pages.Conventions.AuthorizeFolder("/").AllowAnonymousToPage("/SignIn"));
        builder.Services.AddSingleton<UploadStaging>();

        // The storage: a real Nextcloud by configuration, else the embedded in-memory "Nextcloud".
        var nextcloud = builder.Configuration.GetSection("Nextcloud");
        var useNextcloud = nextcloud["BaseAddress"] is { Length: > 0 };
        if (useNextcloud)
        {
            builder.Services.AddOpenProjectStorages().AddNextcloudStorage(SampleStorage.Id.Value, storage =>
            {
                nextcloud.Bind(storage);

                // The callback the OAuth client registered in Nextcloud must name: this app's /nextcloud/callback unless configured.
                storage.OAuthRedirectUri ??= new Uri(new Uri(FirstUrl(builder.Configuration)), $"{LoginEndpoints.Prefix}/callback");
            });
            builder.Services.AddNextcloudAccounts(SampleStorage.Id.Value);
            builder.Services.AddSingleton<IStorageLogin, NextcloudStorageLogin>();
        }
        else
        {
            var storage = SampleStorage.Create();
            builder.Services.AddSingleton(storage);
            builder.Services.AddOpenProjectStorages().AddInMemoryStorage(storage);
            builder.Services.AddSingleton<IStorageLogin, InMemoryStorageLogin>();
        }

        // Links, tokens and connect attempts in SQLite through the EF Core stores.
        var databasePath = builder.Configuration["Sample:Database"] ?? Path.Combine(Path.GetTempPath(), "openproject-storages-websample.db");
        var nextcloudApp = builder.Configuration.GetSection("NextcloudApp");
        var mapNextcloudApp = useNextcloud && nextcloudApp["ClientSecret"] is { Length: > 0 };
        builder.Services.AddDbContext<SampleDbContext>(database =>
        {
            database.UseSqlite($"Data Source={databasePath}");
            if (mapNextcloudApp)
            {
                database.UseOpenIddict();
            }
        });
        builder.Services.AddOpenProjectStorageStores<SampleDbContext>();

        // Project folders: an in-memory team folder app, with the sync lock from the EF Core stores.
        var teamFolders = new InMemoryProjectFolderStorage();
        foreach (var user in directory.Users.Where(user => user.Id != "carol"))
        {
            teamFolders.AddUser(user.Id);
        }

        builder.Services.AddSingleton(teamFolders);

        // Who may view and manage a work package's files: project members view, the admin and Carol manage.
        builder.Services.AddSingleton<IFileLinkAuthorization, SamplePermissions>();

        // The Nextcloud app endpoints: this app as the "OpenProject" that Nextcloud's integration_openproject app talks to, when
        // its OAuth client is configured (NextcloudApp:ClientId and ClientSecret, entered in Nextcloud's OpenProject settings).
        if (mapNextcloudApp)
        {
            builder.Services.AddSingleton<SampleWorkPackages>();
            builder.Services.AddSingleton<IWorkPackageDirectory>(services => services.GetRequiredService<SampleWorkPackages>());
            builder.Services.AddSingleton<IWorkPackageCreation>(services => services.GetRequiredService<SampleWorkPackages>());
            builder.Services.AddSingleton<INotificationInbox>(services => services.GetRequiredService<SampleWorkPackages>());
            builder.Services.AddNextcloudIntegration(integration =>
                {
                    nextcloudApp.Bind(integration);

                    // The only redirect integration_openproject accepts.
                    integration.RedirectUri ??= new Uri(new Uri(nextcloud["BaseAddress"]!), "index.php/apps/integration_openproject/oauth-redirect");
                    integration.StorageId = SampleStorage.Id.Value;
                })
                .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<SampleDbContext>())

                // Keys made at each start, like the sample's database: a real host loads certificates that survive restarts.
                .AddServer(server => server.AddEphemeralEncryptionKey().AddEphemeralSigningKey());
        }
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        if (useNextcloud)
        {
            app.MapNextcloudAccountEndpoints(SampleStorage.Id.Value, LoginEndpoints.Prefix);
            if (mapNextcloudApp)
            {
                app.MapNextcloudIntegration();
            }
        }
        else
        {
            InMemoryStorageLogin.MapConnectEndpoint(app);
        }

        return app;
    }

    /// <summary>
    /// Starts with an empty database: the in-memory storage is rebuilt on every start, so its links must be too. A real host keeps
    /// its database and uses migrations.
    /// </summary>
    public static async Task ResetDatabaseAsync(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<SampleDbContext>().Database;
        await database.EnsureDeletedAsync();
        await database.EnsureCreatedAsync();
    }

    private static string FirstUrl(ConfigurationManager configuration) =>
        (configuration["urls"] ?? "http://localhost:5000").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
}
