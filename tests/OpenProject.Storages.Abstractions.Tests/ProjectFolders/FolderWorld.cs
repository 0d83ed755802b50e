using OpenProject.Storages.ProjectFolders;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Abstractions.Tests.ProjectFolders;

/// <summary>
/// A Nextcloud-like team folder with users alice, bob and carol, two projects (Apollo with alice as
/// admin and bob as reader; Gemini with carol as editor), and the desired state that describes them.
/// </summary>
internal sealed class FolderWorld
{
    public const string TechnicalUser = "OpenProject";
    public const string Group = "OpenProject";

    public static readonly HostUserId Alice = new("host-alice");
    public static readonly HostUserId Bob = new("host-bob");
    public static readonly HostUserId Carol = new("host-carol");
    public static readonly HostUserId Dave = new("host-dave");

    public const StoragePermissions Editor = StoragePermissions.Read | StoragePermissions.Write | StoragePermissions.Create | StoragePermissions.Delete;

    public FolderWorld(ProjectFolderSyncOptions? options = null)
    {
        foreach (var user in new[] { "alice", "bob", "carol" })
        {
            Storage.AddUser(user);
        }

        Synchronizer = new ProjectFolderSynchronizer(Storage, options);
        Apollo = new ManagedProject
        {
            ProjectId = "1",
            Name = "Apollo",
            Members =
            [
                new ProjectFolderMember { User = Alice, StorageUserId = "alice", Permissions = StoragePermissions.All },
                new ProjectFolderMember { User = Bob, StorageUserId = "bob", Permissions = StoragePermissions.Read },
            ],
        };
        Gemini = new ManagedProject
        {
            ProjectId = "2",
            Name = "Gemini",
            Members = [new ProjectFolderMember { User = Carol, StorageUserId = "carol", Permissions = Editor }],
        };
    }

    public InMemoryProjectFolderStorage Storage { get; } = new(TechnicalUser, Group);

    public ProjectFolderSynchronizer Synchronizer { get; }

    public ManagedProject Apollo { get; set; }

    public ManagedProject Gemini { get; set; }

    public ProjectFolderDesiredState Desired(params ManagedProject[] projects) => new()
    {
        TechnicalUserId = TechnicalUser,
        GroupId = Group,
        Projects = projects.Length == 0 ? [Apollo, Gemini] : projects,
    };

    /// <summary>Runs a sync and keeps the reported folder ids, as a host persists them.</summary>
    public async Task<ProjectFolderSyncReport> SyncAsync(ProjectFolderDesiredState? desired = null)
    {
        var report = await Synchronizer.SynchronizeAsync(desired ?? Desired(), TestContext.Current.CancellationToken);
        Persist(report);
        return report;
    }

    public void Persist(ProjectFolderSyncReport report)
    {
        if (report.FolderIds.TryGetValue(Apollo.ProjectId, out var apollo))
        {
            Apollo = Apollo with { FolderId = apollo };
        }

        if (report.FolderIds.TryGetValue(Gemini.ProjectId, out var gemini))
        {
            Gemini = Gemini with { FolderId = gemini };
        }
    }

    public ProjectFolderEntry FolderOf(ManagedProject project) =>
        Storage.FindFolder(project.FolderId ?? throw new InvalidOperationException($"Project {project.ProjectId} has no folder id yet.")) ?? throw new InvalidOperationException($"The folder of project {project.ProjectId} is gone.");

    public static StoragePermissions? PermissionOf(ProjectFolderEntry folder, string userId) =>
        folder.AccessRules.SingleOrDefault(rule => rule.Target == FolderAccessTarget.User && rule.TargetId == userId)?.Permissions;

    public static ProjectFolderStepResult Single(ProjectFolderSyncReport report, ProjectFolderStepKind kind) =>
        Assert.Single(report.Steps, result => result.Step.Kind == kind);
}
