using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using OpenProject.Storages.Nextcloud.Http;
using OpenProject.Storages.Nextcloud.ProjectFolders;
using OpenProject.Storages.Nextcloud.Tests.Fixtures;
using OpenProject.Storages.Nextcloud.Tests.Health;
using OpenProject.Storages.Nextcloud.Tests.StandIn;
using OpenProject.Storages.Testing;
using static OpenProject.Storages.Nextcloud.Tests.StandIn.ScriptedNextcloud;

namespace OpenProject.Storages.Nextcloud.Tests.Hostile;

/// <summary>
/// One app instance wired as a host wires it (file storage, Files tab, accounts, real token provider and store,
/// setup checks) whose every HTTP client goes to one <see cref="ScriptedNextcloud"/>, scripted with
/// <see cref="HostileAnswers"/> bodies that a test may change one field of. Alice is connected and two of her
/// files (35, 36) are linked to work package 7.
/// </summary>
internal sealed class HostileApp : IDisposable
{
    public const string Name = "nc";
    public const string AccessToken = "access-1";
    public const string OriginalRefreshToken = "refresh-1";
    public const string RotatedRefreshToken = "refresh-2";
    public static readonly StorageId Storage = new(Name);
    public static readonly HostUserId Alice = new("42");
    public static readonly HostUserId Bob = new("43");
    public static readonly ContainerRef WorkPackage = ContainerRef.WorkPackage("7");
    public static readonly Uri RedirectUri = new("https://app.example.com/nextcloud/callback");

    private readonly ServiceProvider _services;

    /// <param name="answer">The body each shape is answered with (see <see cref="HostileAnswers.Shapes"/>).</param>
    /// <param name="retryAfter">When set, every request is answered 503 with this <c>Retry-After</c>.</param>
    public HostileApp(Func<string, string> answer, string? retryAfter = null)
        : this(new ScriptedNextcloud(new Uri("https://cloud.example.com/")))
    {
        if (retryAfter is not null)
        {
            foreach (var method in new[] { "GET", "POST", "PUT", "PROPFIND", "MKCOL", "MOVE", "DELETE" })
            {
                Server!.On(method, _ => true, _ => Respond(HttpStatusCode.ServiceUnavailable, "busy", "text/plain", ("Retry-After", retryAfter)));
            }
        }

        Script(answer);

        // Every scripted token answer rotates alice's refresh token: it must be what is stored after a refresh.
        ExpectedRefreshToken = RotatedRefreshToken;
    }

    /// <summary>
    /// The same app pointed at a server on loopback through the provider's own primary handlers, every time-out
    /// set to <paramref name="bound"/> (an attempt to half of it) and every body limit to <paramref name="bodyLimit"/>.
    /// Such a server never completes a token answer, so alice's stored refresh token must stay the one she had.
    /// </summary>
    public HostileApp(Uri baseAddress, TimeSpan bound, long bodyLimit)
        : this(baseAddress, options =>
        {
            options.RequestTimeout = bound;
            options.RequestAttemptTimeout = bound / 2;
            options.TransferIdleTimeout = bound;
            options.TokenRequestTimeout = bound;
            options.MaxResponseBodySize = bodyLimit;
            options.MaxMultiStatusBodySize = bodyLimit;
        }, bound, primary: null)
    {
        ExpectedRefreshToken = OriginalRefreshToken;
    }

    private HostileApp(ScriptedNextcloud server)
        : this(server.BaseAddress, configure: null, probeTimeout: null, server)
    {
        Server = server;
    }

    private HostileApp(Uri baseAddress, Action<NextcloudStorageOptions>? configure, TimeSpan? probeTimeout, HttpMessageHandler? primary)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton<IStorageTokenStore>(TokenStore);
        services.AddSingleton<IFileLinkRepository>(Links);
        services.AddSingleton<IFileLinkAuthorization>(Authorization);
        var builder = services.AddNextcloudStorage(Name, options =>
        {
            options.BaseAddress = baseAddress;
            options.TechnicalUserName = "OpenProject";
            options.TechnicalUserAppPassword = SetupTestHost.AppPassword;
            options.OAuthClientId = "client-id";
            options.OAuthClientSecret = "client-secret";
            options.OAuthRedirectUri = RedirectUri;
            options.RefreshConflictGracePeriod = TimeSpan.Zero;
            configure?.Invoke(options);
        });
        services.AddNextcloudAccounts(Name);
        builder.AddProjectFolders();
        builder.ConfigureSetupChecks(options =>
        {
            options.ProjectFoldersEnabled = true;
            options.RequestTimeout = probeTimeout ?? options.RequestTimeout;
        });
        builder.Resilience.Configure(options =>
        {
            options.Retry.Delay = TimeSpan.Zero;
            options.Retry.UseJitter = false;
        });
        if (primary is not null)
        {
            builder.HttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => primary).SetHandlerLifetime(Timeout.InfiniteTimeSpan);
            builder.TransferHttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => primary).SetHandlerLifetime(Timeout.InfiniteTimeSpan);
            services.AddHttpClient(NextcloudAccountsHttpClient.Name).ConfigurePrimaryHttpMessageHandler(() => primary).SetHandlerLifetime(Timeout.InfiniteTimeSpan);
            services.AddHttpClient(NextcloudHttpClientNames.Health(Name)).ConfigurePrimaryHttpMessageHandler(() => primary).SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        }

        _services = services.BuildServiceProvider();
        Authorization.AllowEverything(Alice);
        Authorization.AllowEverything(Bob);
    }

    /// <summary>The scripted server, when the app is not pointed at a server on loopback.</summary>
    public ScriptedNextcloud? Server { get; }

    /// <summary>The refresh token alice must have stored after any refresh attempt, failed or not.</summary>
    public string ExpectedRefreshToken { get; } = OriginalRefreshToken;

    public InMemoryTokenStore TokenStore { get; } = new();

    public InMemoryFileLinkRepository Links { get; } = new();

    public InMemoryFileLinkAuthorization Authorization { get; } = new();

    public NextcloudFileStorage Files => _services.GetRequiredKeyedService<NextcloudFileStorage>(Name);

    public FileLinkService FileLinks => _services.GetRequiredService<FileLinkService>();

    public NextcloudAccounts Accounts => _services.GetRequiredService<NextcloudAccounts>();

    public NextcloudAccessTokenProvider Tokens => _services.GetRequiredService<NextcloudAccessTokenProvider>();

    public StorageSetupValidation Setup => _services.GetRequiredService<StorageSetupValidation>();

    public NextcloudProjectFolderStorage ProjectFolders => _services.GetRequiredKeyedService<NextcloudProjectFolderStorage>(Name);

    /// <summary>Connects alice (a token that is still valid for an hour) and links her files 35 and 36.</summary>
    public async Task ArrangeAsync()
    {
        await TokenStore.TryWriteAsync(Storage, Alice, Token(DateTimeOffset.UtcNow.AddHours(1)), expectedVersion: null);
        foreach (var id in new[] { "35", "36" })
        {
            await Links.AddAsync(new NewFileLink { Storage = Storage, Container = WorkPackage, OriginId = new FileId(id), Origin = new FileOriginData { Name = $"file {id}.txt" }, CreatedBy = Alice });
        }
    }

    /// <summary>Makes alice's stored access token expired, so that her next request refreshes it.</summary>
    public async Task ExpireAliceAsync()
    {
        var stored = await TokenStore.GetAsync(Storage, Alice);
        await TokenStore.TryWriteAsync(Storage, Alice, Token(DateTimeOffset.UtcNow.AddHours(-1)), stored?.Version);
    }

    public void Dispose() => _services.Dispose();

    private static StorageToken Token(DateTimeOffset expiresAt) =>
        new() { AccessToken = AccessToken, RefreshToken = OriginalRefreshToken, ExpiresAt = expiresAt, StorageUserId = "alice" };

    private void Script(Func<string, string> answer)
    {
        var server = Server!;
        var basic = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("OpenProject:" + SetupTestHost.AppPassword));
        server
            .On("POST", "index.php/apps/oauth2/api/v1/token", _ => Json(HttpStatusCode.OK, answer(HostileAnswers.Token)))
            .On("GET", "status.php", _ => Json(HttpStatusCode.OK, answer(HostileAnswers.Status)))
            .On("GET", "ocs/v2.php/cloud/capabilities", _ => Json(HttpStatusCode.OK, answer(HostileAnswers.Capabilities)))
            .On("GET", "index.php/apps/integration_openproject/check-config", r => Json(HttpStatusCode.OK, SetupResponses.CheckConfig(r.Header("Authorization"))))
            .On("GET", p => p.EndsWith("cloud/user", StringComparison.Ordinal), r => Json(HttpStatusCode.OK, answer(r.Header("Authorization") == basic ? HostileAnswers.TechnicalUser : HostileAnswers.CurrentUser)))
            .On("PROPFIND", "remote.php/dav/files/OpenProject/OpenProject", _ => Respond(HttpStatusCode.MultiStatus, answer(HostileAnswers.TeamFolder)))
            .On("PROPFIND", _ => true, r => Respond(HttpStatusCode.MultiStatus, HostileAnswers.ForPath(answer(HostileAnswers.Propfind), r.RelativePath)))
            .On("GET", p => p.StartsWith("ocs/v1.php/apps/integration_openproject/fileinfo/", StringComparison.Ordinal), _ => Json(HttpStatusCode.OK, answer(HostileAnswers.FileInfo)))
            .On("POST", "ocs/v1.php/apps/integration_openproject/filesinfo", _ => Json(HttpStatusCode.OK, answer(HostileAnswers.FilesInfo)))
            .On("POST", "ocs/v2.php/apps/dav/api/v1/direct", _ => Json(HttpStatusCode.OK, answer(HostileAnswers.DirectDownload)))
            .On("POST", "index.php/apps/integration_openproject/direct-upload-token", _ => Json(HttpStatusCode.OK, answer(HostileAnswers.UploadToken)))
            .On("GET", p => p.StartsWith("remote.php/direct/", StringComparison.Ordinal) || p.StartsWith("remote.php/dav/files/", StringComparison.Ordinal), _ => Respond(HttpStatusCode.OK, "hello world", "text/plain"))
            .On("MKCOL", _ => true, _ => Respond(HttpStatusCode.Created, "", "text/html; charset=UTF-8", ("OC-FileId", "00000378" + Recorded.InstanceId)))
            .On("PUT", _ => true, _ => Respond(HttpStatusCode.Created, "", "text/html; charset=UTF-8", ("OC-FileId", "00000379" + Recorded.InstanceId)))
            .On("MOVE", _ => true, _ => Respond(HttpStatusCode.Created, "", "text/html"))
            .On("DELETE", _ => true, _ => Respond(HttpStatusCode.NoContent));
    }
}
