using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using OpenProject.Storages.Nextcloud.Http;
using OpenProject.Storages.Nextcloud.Tests.StandIn;
using OpenProject.Storages.Testing;
using static OpenProject.Storages.Nextcloud.Tests.StandIn.ScriptedNextcloud;

namespace OpenProject.Storages.Nextcloud.Tests.Health;

/// <summary>
/// A host with one Nextcloud storage ("nc") whose every HTTP client goes to a <see cref="ScriptedNextcloud"/>
/// scripted as a healthy Nextcloud 27 with the integration app, team folders and project folders. A test
/// scripts what differs first: the first matching route wins.
/// </summary>
internal sealed class SetupTestHost : IDisposable
{
    public const string AppPassword = "app-p@ss:w0rd-secret";
    public static readonly HostUserId Admin = new("admin");

    private readonly List<Action<NextcloudStorageOptions>> _storage = [];
    private readonly List<Action<NextcloudSetupOptions>> _setup = [o => o.ProjectFoldersEnabled = true];
    private ServiceProvider? _services;

    public ScriptedNextcloud Server { get; } = new(new Uri("https://cloud.example.com/"));

    public FakeTokenProvider Tokens { get; } = new() { StorageUserId = "admin" };

    public InMemoryTokenStore TokenStore { get; } = new();

    /// <summary>Makes the health client wait for this long before asking the server (a slow or silent host).</summary>
    public TimeSpan? Delay { get; set; }

    public SetupTestHost Storage(Action<NextcloudStorageOptions> configure)
    {
        _storage.Add(configure);
        return this;
    }

    public SetupTestHost Setup(Action<NextcloudSetupOptions> configure)
    {
        _setup.Add(configure);
        return this;
    }

    public async Task ConnectAdminAsync() =>
        await TokenStore.TryWriteAsync(new StorageId("nc"), Admin, new StorageToken { AccessToken = "secret-access", RefreshToken = "secret-refresh", ExpiresAt = DateTimeOffset.UtcNow.AddHours(1), StorageUserId = "admin" }, expectedVersion: null);

    public Task<StorageSetupReport> ValidateAsync(StorageSetupValidationContext? context = null) =>
        Services.GetRequiredService<StorageSetupValidation>().ValidateAsync(new StorageId("nc"), context, TestContext.Current.CancellationToken);

    public Task<HealthReport> CheckHealthAsync() =>
        Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);

    public IServiceProvider Services => _services ??= Build();

    public void Dispose() => _services?.Dispose();

    private ServiceProvider Build()
    {
        ScriptHealthyNextcloud();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton<IStorageAccessTokenProvider>(Tokens);
        services.AddSingleton<IStorageTokenStore>(TokenStore);
        var builder = services.AddNextcloudStorage("nc", options =>
        {
            options.BaseAddress = Server.BaseAddress;
            options.TechnicalUserName = "OpenProject";
            options.TechnicalUserAppPassword = AppPassword;
            options.OAuthClientId = "client-id";
            options.OAuthClientSecret = "client-secret";
            foreach (var configure in _storage)
            {
                configure(options);
            }
        });
        builder.ConfigureSetupChecks(options =>
        {
            options.RequestTimeout = TimeSpan.FromMilliseconds(500);
            foreach (var configure in _setup)
            {
                configure(options);
            }
        });
        builder.HttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => Server).SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        builder.Resilience.Configure(options => options.Retry.Delay = TimeSpan.Zero);
        services.AddHttpClient(NextcloudHttpClientNames.Health("nc"))
            .ConfigurePrimaryHttpMessageHandler(() => new SlowHandler(this) { InnerHandler = Server })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.AddHealthChecks().AddNextcloudStorage("nc");
        return services.BuildServiceProvider();
    }

    private void ScriptHealthyNextcloud()
    {
        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("OpenProject:" + AppPassword));
        Server
            .On("GET", "status.php", _ => Json(HttpStatusCode.OK, SetupResponses.Status()))
            .On("GET", "ocs/v2.php/cloud/capabilities", _ => Json(HttpStatusCode.OK, SetupResponses.Capabilities()))
            .On("GET", "index.php/apps/integration_openproject/check-config", r => Json(HttpStatusCode.OK, SetupResponses.CheckConfig(r.Header("Authorization"))))
            .On("GET", "ocs/v2.php/cloud/user", r => r.Header("Authorization") switch
            {
                var a when a == basic => Json(HttpStatusCode.OK, SetupResponses.CurrentUser("OpenProject")),
                var a when a == "Bearer " + FakeTokenProvider.FirstToken || a == "Bearer " + FakeTokenProvider.RefreshedToken => Json(HttpStatusCode.OK, SetupResponses.CurrentUser("admin")),
                _ => Respond(HttpStatusCode.Unauthorized, SetupResponses.Unauthorised, "text/xml; charset=UTF-8", ("WWW-Authenticate", "Basic realm=\"Authorisation Required\"")),
            })
            .On("PROPFIND", "remote.php/dav/files/OpenProject/OpenProject", _ => Respond(HttpStatusCode.MultiStatus, SetupResponses.TeamFolder(children: [("Apollo (1)", 101), ("Gemini (2)", 102)])));
    }

    /// <summary>Waits before the stand-in answers, honouring cancellation as a real slow server would.</summary>
    private sealed class SlowHandler(SetupTestHost host) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (host.Delay is { } delay)
            {
                await Task.Delay(delay, cancellationToken);
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
