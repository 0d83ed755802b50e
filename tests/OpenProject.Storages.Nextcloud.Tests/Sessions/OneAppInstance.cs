using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using OpenProject.Storages.Nextcloud.Tests.Health;
using OpenProject.Storages.Nextcloud.Tests.ProjectFolders;
using OpenProject.Storages.Nextcloud.Tests.StandIn;
using OpenProject.Storages.ProjectFolders;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Nextcloud.Tests.Sessions;

/// <summary>
/// One host app instance with one Nextcloud storage ("nc") and the provider's own HTTP handlers, talking over
/// loopback to a Nextcloud that keeps PHP sessions (<see cref="NextcloudSessions"/>): files and the
/// integration app from a <see cref="StatefulNextcloud"/>, the team folder and provisioning API from a
/// <see cref="TeamFolderStandIn"/> that only accepts the technical user, and the setup checks' anonymous
/// answers from a <see cref="ScriptedNextcloud"/>. Alice (host user 1) cannot see
/// <c>/Bob</c>, Bob (host user 2) cannot see <c>/Alice</c>.
/// </summary>
internal sealed class OneAppInstance : IAsyncDisposable
{
    public const string TechnicalPassword = "tech:app-password/ß";
    public static readonly HostUserId Alice = new("1");
    public static readonly HostUserId Bob = new("2");
    public static readonly ContainerRef WorkPackage = ContainerRef.WorkPackage("42");
    public static readonly StoragePath AliceFolder = StoragePath.Parse("/Alice");
    public static readonly StoragePath BobFolder = StoragePath.Parse("/Bob");

    private readonly LoopbackNextcloud _loopback;
    private readonly ServiceProvider _services;

    private OneAppInstance(LoopbackNextcloud loopback, Action<NextcloudStorageBuilder>? configure)
    {
        _loopback = loopback;
        Files = new StatefulNextcloud(loopback.Root) { TechnicalUserPassword = TechnicalPassword };
        Files.AddUser("alice", "Alice Example");
        Files.AddUser("bob", "Bob Example");
        Files.IssueToken("alice", "alice-access-token");
        Files.IssueToken("bob", "bob-access-token");
        Files.AddFolder(AliceFolder);
        AliceFile = Files.AddFile(AliceFolder.Combine("alice-private.txt"), "alice"u8);
        Files.AddFolder(BobFolder, ownerId: "bob");
        BobFile = Files.AddFile(BobFolder.Combine("bob-private.txt"), "bob"u8, ownerId: "bob");
        Files.Restrict("bob", AliceFolder, StoragePermissions.None);
        Files.Restrict("alice", BobFolder, StoragePermissions.None);

        Model.AddUser("alice");
        Model.AddUser("bob");
        TeamFolders = new TeamFolderStandIn(Model, loopback.Root)
        {
            RequiredAuthorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("OpenProject:" + TechnicalPassword)),
        };
        var server = new ScriptedNextcloud(loopback.Root)
            .On("GET", "status.php", _ => ScriptedNextcloud.Json(HttpStatusCode.OK, SetupResponses.Status()))
            .On("GET", "ocs/v2.php/cloud/capabilities", _ => ScriptedNextcloud.Json(HttpStatusCode.OK, SetupResponses.Capabilities()))
            .On("GET", "index.php/apps/integration_openproject/check-config", r => ScriptedNextcloud.Json(HttpStatusCode.OK, SetupResponses.CheckConfig(r.Header("Authorization"))));
        Sessions = new NextcloudSessions(new StandInRouter(loopback.Root, Files)
            .Route("status.php", server)
            .Route("ocs/v2.php/cloud/capabilities", server)
            .Route("index.php/apps/integration_openproject/check-config", server)
            .Route("remote.php/dav/files/OpenProject/OpenProject", TeamFolders)
            .Route("ocs/v1.php/cloud/", TeamFolders));
        loopback.Server = Sessions;

        Tokens.Connect(Alice, "alice", "alice-access-token");
        Tokens.Connect(Bob, "bob", "bob-access-token");
        Authorization.AllowManage(Alice, WorkPackage);
        Authorization.AllowManage(Bob, WorkPackage);

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IStorageAccessTokenProvider>(Tokens);
        services.AddSingleton<IFileLinkRepository>(Links);
        services.AddSingleton<IFileLinkAuthorization>(Authorization);
        services.AddSingleton<IStorageTokenStore>(TokenStore);
        var builder = services.AddNextcloudStorage("nc", options =>
        {
            options.BaseAddress = loopback.Root;
            options.TechnicalUserAppPassword = TechnicalPassword;
            options.OAuthClientId = "client-id";
            options.OAuthClientSecret = "client-secret";
        });
        builder.AddProjectFolders();
        builder.ConfigureSetupChecks(options => options.ProjectFoldersEnabled = true);
        builder.Resilience.Configure(options => options.Retry.Delay = TimeSpan.Zero);
        configure?.Invoke(builder);
        _services = services.BuildServiceProvider();
    }

    public StatefulNextcloud Files { get; }

    public InMemoryProjectFolderStorage Model { get; } = new("OpenProject", "OpenProject");

    public TeamFolderStandIn TeamFolders { get; }

    public NextcloudSessions Sessions { get; }

    public StandInTokenProvider Tokens { get; } = new();

    public InMemoryFileLinkRepository Links { get; } = new();

    /// <summary>What the setup checks read to see whether the acting user connected.</summary>
    public InMemoryTokenStore TokenStore { get; } = new();

    public InMemoryFileLinkAuthorization Authorization { get; } = new();

    public StandInNode AliceFile { get; }

    public StandInNode BobFile { get; }

    public IServiceProvider Services => _services;

    public NextcloudFileStorage Storage => _services.GetRequiredKeyedService<NextcloudFileStorage>("nc");

    public ProjectFolderSynchronizer ProjectFolders => new(_services.GetRequiredKeyedService<IProjectFolderStorage>("nc"));

    public static async Task<OneAppInstance> StartAsync(Action<NextcloudStorageBuilder>? configure = null)
    {
        var app = new OneAppInstance(await LoopbackNextcloud.StartAsync(), configure);
        foreach (var (user, storageUser) in new[] { (Alice, "alice"), (Bob, "bob") })
        {
            var token = new StorageToken { AccessToken = storageUser + "-access-token", RefreshToken = storageUser + "-refresh-token", ExpiresAt = DateTimeOffset.UtcNow.AddHours(1), StorageUserId = storageUser };
            await app.TokenStore.TryWriteAsync(new StorageId("nc"), user, token, expectedVersion: null);
        }

        return app;
    }

    public static FileId IdOf(StandInNode node) => new(node.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public async Task<T> WithFileLinksAsync<T>(Func<FileLinkService, Task<T>> use)
    {
        await using var scope = _services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<FileLinkService>());
    }

    public Task<StorageSetupReport> ValidateSetupAsync(HostUserId actingUser) =>
        _services.GetRequiredService<StorageSetupValidation>().ValidateAsync(new StorageId("nc"), new StorageSetupValidationContext { ActingUser = actingUser }, TestContext.Current.CancellationToken);

    public static ProjectFolderDesiredState DesiredProjectFolders() => new()
    {
        TechnicalUserId = "OpenProject",
        GroupId = "OpenProject",
        Projects =
        [
            new ManagedProject
            {
                ProjectId = "7",
                Name = "Apollo",
                Members =
                [
                    new ProjectFolderMember { User = Alice, StorageUserId = "alice", Permissions = StoragePermissions.All },
                    new ProjectFolderMember { User = Bob, StorageUserId = "bob", Permissions = StoragePermissions.Read },
                ],
            },
        ],
    };

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _loopback.DisposeAsync();
    }
}
