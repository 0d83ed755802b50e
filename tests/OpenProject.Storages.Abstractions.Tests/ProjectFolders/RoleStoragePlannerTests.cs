using OpenProject.Storages.ProjectFolders;

namespace OpenProject.Storages.Abstractions.Tests.ProjectFolders;

/// <summary>
/// Planning for a storage like OneDrive: no group, no rule for the technical user (the app reaches everything through
/// its app role), and roles (read or write) instead of single permissions.
/// </summary>
public sealed class RoleStoragePlannerTests
{
    private static readonly FileId Root = new("root");

    // OneDrive's roles: anything that changes content is "write"; reading alone is "read".
    private static StoragePermissions Roles(StoragePermissions requested) =>
        (requested & (StoragePermissions.Write | StoragePermissions.Create | StoragePermissions.Delete)) != 0 ? StoragePermissions.Read | StoragePermissions.Write | StoragePermissions.Create | StoragePermissions.Delete
        : (requested & StoragePermissions.Read) != 0 ? StoragePermissions.Read
        : StoragePermissions.None;

    private static ManagedProject Apollo(FileId? folderId = null, bool active = true) => new()
    {
        ProjectId = "1",
        Name = "Apollo",
        IsActive = active,
        FolderId = folderId,
        Members =
        [
            new ProjectFolderMember { User = new HostUserId("admin"), StorageUserId = "oid-admin", Permissions = StoragePermissions.All },
            new ProjectFolderMember { User = new HostUserId("w"), StorageUserId = "oid-writer", Permissions = StoragePermissions.Read | StoragePermissions.Write | StoragePermissions.Create },
            new ProjectFolderMember { User = new HostUserId("r"), StorageUserId = "oid-reader", Permissions = StoragePermissions.Read },
            new ProjectFolderMember { User = new HostUserId("n"), StorageUserId = "oid-nothing", Permissions = StoragePermissions.None },
        ],
    };

    private static ProjectFolderDesiredState Desired(params ManagedProject[] projects) => new() { Projects = projects };

    [Fact]
    public void Without_a_group_nothing_is_planned_for_the_root_and_members_get_their_roles_only()
    {
        var plan = ProjectFolderPlanner.Plan(Desired(Apollo()), new ManagedRootState { RootId = Root }, groupMembers: null, Roles);

        Assert.Null(plan.GroupId);
        Assert.Null(plan.TechnicalUserId);
        Assert.Collection(
            plan.Steps,
            create => Assert.Equal(ProjectFolderStepKind.CreateFolder, create.Kind),
            permissions =>
            {
                Assert.Equal(ProjectFolderStepKind.SetPermissions, permissions.Kind);
                Assert.Equal(plan.Steps[0].Id, permissions.DependsOn);
                var write = StoragePermissions.Read | StoragePermissions.Write | StoragePermissions.Create | StoragePermissions.Delete;
                Assert.True(ProjectFolderPlanner.SameAccessRules(
                    [FolderAccessRule.ForUser("oid-admin", write), FolderAccessRule.ForUser("oid-writer", write), FolderAccessRule.ForUser("oid-reader", StoragePermissions.Read)],
                    permissions.AccessRules));
                Assert.Contains("(3 members)", permissions.Description, StringComparison.Ordinal);
            });
    }

    [Fact]
    public void Stored_roles_that_match_the_rounded_wish_need_no_step()
    {
        var write = StoragePermissions.Read | StoragePermissions.Write | StoragePermissions.Create | StoragePermissions.Delete;
        var folder = new ProjectFolderEntry
        {
            Id = new FileId("f1"),
            Name = "Apollo (1)",
            AccessRules = [FolderAccessRule.ForUser("oid-reader", StoragePermissions.Read), FolderAccessRule.ForUser("oid-writer", write), FolderAccessRule.ForUser("oid-admin", write)],
        };

        var plan = ProjectFolderPlanner.Plan(Desired(Apollo(folder.Id)), new ManagedRootState { RootId = Root, Folders = [folder] }, null, Roles);

        Assert.True(plan.IsEmpty);
    }

    [Fact]
    public void A_hidden_folder_keeps_no_rule_at_all()
    {
        var folder = new ProjectFolderEntry { Id = new FileId("f1"), Name = "Apollo (1)", AccessRules = [FolderAccessRule.ForUser("oid-reader", StoragePermissions.Read)] };
        var stray = new ProjectFolderEntry { Id = new FileId("f2"), Name = "Stray" };

        var plan = ProjectFolderPlanner.Plan(Desired(Apollo(folder.Id, active: false)), new ManagedRootState { RootId = Root, Folders = [folder, stray] }, null, Roles);

        var hide = Assert.Single(plan.Steps);
        Assert.Equal((ProjectFolderStepKind.HideFolder, folder.Id), (hide.Kind, hide.FolderId));
        Assert.Empty(hide.AccessRules);
        Assert.Contains("only the storage's owners keep access", hide.Description, StringComparison.Ordinal);
        Assert.Empty(ProjectFolderPlanner.HiddenAccessRules(null, null));
    }

    [Fact]
    public void A_group_without_a_technical_user_is_a_caller_mistake()
    {
        Assert.Throws<ArgumentException>(() => ProjectFolderPlanner.Plan(new ProjectFolderDesiredState { GroupId = "OpenProject", Projects = [] }, new ManagedRootState { RootId = Root }, []));
    }

    [Fact]
    public async Task The_synchronizer_refuses_a_group_for_a_storage_without_groups()
    {
        var synchronizer = new ProjectFolderSynchronizer(new NoGroups());

        await Assert.ThrowsAsync<ArgumentException>(() => synchronizer.SynchronizeAsync(new ProjectFolderDesiredState { TechnicalUserId = "t", GroupId = "g", Projects = [] }, TestContext.Current.CancellationToken));
    }

    // Only the refusal is exercised: the synchronizer must not reach the storage.
    private sealed class NoGroups : IProjectFolderStorage
    {
        public Task<ManagedRootState> ReadManagedRootAsync(CancellationToken cancellationToken = default) => throw new InvalidOperationException("not reached");

        public Task<IReadOnlyList<FolderAccessRule>> GetAccessRulesAsync(FileId folderId, StoragePath folder, CancellationToken cancellationToken = default) => throw new InvalidOperationException("not reached");

        public Task<ProjectFolderEntry> CreateFolderAsync(string name, CancellationToken cancellationToken = default) => throw new InvalidOperationException("not reached");

        public Task RenameFolderAsync(FileId folderId, string currentName, string newName, CancellationToken cancellationToken = default) => throw new InvalidOperationException("not reached");

        public Task SetAccessRulesAsync(FileId folderId, StoragePath folder, IReadOnlyList<FolderAccessRule> rules, CancellationToken cancellationToken = default) => throw new InvalidOperationException("not reached");
    }
}
