using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using OpenProject.Storages.Nextcloud.ProjectFolders;
using OpenProject.Storages.ProjectFolders;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Nextcloud.Tests.ProjectFolders;

/// <summary>A Nextcloud storage "nc" with project folders, whose HTTP goes to a <see cref="TeamFolderStandIn"/>.</summary>
internal sealed class ProjectFolderHost : IDisposable
{
    public const string TechnicalPassword = "p@ss:w0rd:with/colons+and=ünïcode";
    private const string BaseAddress = "https://cloud.example.com/";

    private readonly ServiceProvider _services;

    public ProjectFolderHost()
    {
        foreach (var user in new[] { "alice", "bob" })
        {
            Model.AddUser(user);
        }

        Server = new TeamFolderStandIn(Model, new Uri(BaseAddress));
        var services = new ServiceCollection();
        services.AddLogging();
        var builder = services.AddNextcloudStorage("nc", options =>
        {
            options.BaseAddress = new Uri(BaseAddress);
            options.TechnicalUserName = "OpenProject";
            options.TechnicalUserAppPassword = TechnicalPassword;
        });
        builder.AddProjectFolders();
        builder.HttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => Server).SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        builder.Resilience.Configure(options =>
        {
            options.Retry.Delay = TimeSpan.Zero;
            options.Retry.UseJitter = false;
        });
        _services = services.BuildServiceProvider();
    }

    public InMemoryProjectFolderStorage Model { get; } = new("OpenProject", "OpenProject");

    public TeamFolderStandIn Server { get; }

    public IProjectFolderStorage Storage => _services.GetRequiredKeyedService<IProjectFolderStorage>("nc");

    public IProjectFolderGroups Groups => _services.GetRequiredKeyedService<IProjectFolderGroups>("nc");

    public NextcloudProjectFolderStorage NextcloudStorage => _services.GetRequiredKeyedService<NextcloudProjectFolderStorage>("nc");

    public ProjectFolderSynchronizer Synchronizer => new(Storage);

    public static ProjectFolderDesiredState Desired(params ManagedProject[] projects) =>
        new() { TechnicalUserId = "OpenProject", GroupId = "OpenProject", Projects = projects };

    public static ManagedProject Apollo(FileId? folderId = null, string name = "Demo project") => new()
    {
        ProjectId = "1",
        Name = name,
        FolderId = folderId,
        Members =
        [
            new ProjectFolderMember { User = new HostUserId("42"), StorageUserId = "alice", Permissions = StoragePermissions.All },
            new ProjectFolderMember { User = new HostUserId("43"), StorageUserId = "bob", Permissions = StoragePermissions.Read },
        ],
    };

    public void Dispose() => _services.Dispose();
}
