using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Time.Testing;
using OpenProject.Storages.Nextcloud.Tests.StandIn;
using OpenProject.Storages.WebSample.Host;
using OpenProject.Storages.WebSample.Login;

namespace OpenProject.Storages.WebSample.Tests.Fixtures;

/// <summary>
/// The web sample as a user runs it against a real Nextcloud (<c>Nextcloud:BaseAddress</c> and an OAuth client configured), on
/// Kestrel on a loopback port, talking to the stateful Nextcloud stand-in served over loopback HTTP: the browser follows the
/// real OAuth redirects to the stand-in's authorize page and back. The stand-in holds the sample's usual tree: a six-level-deep
/// folder, and <c>/HR</c> hidden from Bob.
/// </summary>
public sealed class WebSampleServer : IAsyncLifetime
{
    public const string ClientId = "websample-client";
    public const string ClientSecret = "websample-secret";

    /// <summary>The OAuth client Nextcloud's integration_openproject app uses with the sample (the sample is its "OpenProject").</summary>
    public const string AppClientId = "nextcloud-app-client";
    public const string AppClientSecret = "nextcloud-app-secret-0123456789abcdef";
    public static readonly StoragePath DeepFolder = StoragePath.Parse("/Archive/2024/Q4/Apollo/Reviews/Final");
    public static readonly StoragePath ApolloFolder = StoragePath.Parse("/Projects/Apollo");

    private LoopbackNextcloud? _loopback;
    private RunningSample? _app;

    /// <summary>The sample's address, <c>http://127.0.0.1:port/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    internal StatefulNextcloud Nextcloud { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public HostDirectory Directory => Services.GetRequiredService<HostDirectory>();

    public async ValueTask InitializeAsync()
    {
        _loopback = await LoopbackNextcloud.StartAsync();
        // A fixed clock for the files' times, so the screenshots come out the same on every run.
        Nextcloud = new StatefulNextcloud(_loopback.Root, new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 30, 0, TimeSpan.Zero)));
        _loopback.Server = Nextcloud;

        BaseAddress = RunningSample.FreeLoopbackAddress();
        Nextcloud.AddOAuthClient(ClientId, ClientSecret, new Uri(BaseAddress, "nextcloud/callback"));
        Seed(Nextcloud);

        _app = await RunningSample.StartAsync(
            BaseAddress,
            [
                $"--Nextcloud:BaseAddress={_loopback.Root}",
                "--Nextcloud:AllowInsecureHttp=true",
                $"--Nextcloud:OAuthClientId={ClientId}",
                $"--Nextcloud:OAuthClientSecret={ClientSecret}",

                // A refused refresh token is final at once here: no other app instance could be refreshing it.
                "--Nextcloud:RefreshConflictGracePeriod=00:00:00.1",
                $"--NextcloudApp:ClientId={AppClientId}",
                $"--NextcloudApp:ClientSecret={AppClientSecret}",
                "--NextcloudApp:RequireHttps=false",
            ],

            // Nextcloud in maintenance mode answers 503 at once; waiting between retries would only slow the tests down.
            builder => builder.Services.PostConfigureAll<HttpStandardResilienceOptions>(options => options.Retry.Delay = TimeSpan.Zero));
    }

    /// <summary>Runs <paramref name="use"/> with the app's own file link service, to arrange links without the browser.</summary>
    public async Task<T> WithFileLinksAsync<T>(Func<FileLinkService, Task<T>> use)
    {
        await using var scope = Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<FileLinkService>());
    }

    /// <summary>
    /// Forgets <paramref name="user"/>'s Nextcloud connection, as "Disconnect" in the user's settings does. Tests share one
    /// app, and xunit's order differs between machines, so a test that needs a user logged out says so rather than hoping.
    /// </summary>
    public async Task DisconnectAsync(HostUserId user)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IStorageLogin>().DisconnectAsync(user, TestContext.Current.CancellationToken);
    }

    internal static FileId IdOf(StandInNode node) => new(node.Id.ToString(CultureInfo.InvariantCulture));

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_loopback is not null)
        {
            await _loopback.DisposeAsync();
        }
    }

    private static void Seed(StatefulNextcloud nextcloud)
    {
        nextcloud.AddUser("alice", "Alice Adams");
        nextcloud.AddUser("bob", "Bob Baker");
        nextcloud.AddUser("carol", "Carol Clark");
        var folder = StoragePath.Root;
        foreach (var segment in DeepFolder.Segments)
        {
            folder = folder.Combine(segment);
            nextcloud.AddFolder(folder);
        }

        nextcloud.AddFile(DeepFolder.Combine("Review notes.md"), "# Notes"u8);
        nextcloud.AddFile(DeepFolder.Combine("Decision log.md"), "# Decisions"u8);
        nextcloud.AddFolder(DeepFolder.Combine("Attachments"));
        nextcloud.AddFolder(StoragePath.Parse("/Projects"));
        nextcloud.AddFolder(ApolloFolder);
        nextcloud.AddFolder(ApolloFolder.Combine("Designs"));
        nextcloud.AddFile(ApolloFolder.Combine("Budget 2026.xlsx"), "budget"u8);
        nextcloud.AddFolder(StoragePath.Parse("/HR"));
        nextcloud.AddFile(StoragePath.Parse("/HR/Salaries.xlsx"), "secret"u8);
        nextcloud.Restrict("bob", StoragePath.Parse("/HR"), StoragePermissions.None);
    }
}
