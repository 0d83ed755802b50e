using OpenProject.Storages.ProjectFolders;

namespace OpenProject.Storages.Abstractions.Tests.ProjectFolders;

public sealed class ProjectFolderPlannerTests
{
    private const string Tech = "OpenProject";
    private const string Group = "OpenProject";
    private static readonly FileId Root = new("100");
    private static readonly IReadOnlyList<FolderAccessRule> RootRules = [FolderAccessRule.ForGroup(Group, StoragePermissions.Read), FolderAccessRule.ForUser(Tech, StoragePermissions.All)];

    private static readonly ManagedProject Apollo = new()
    {
        ProjectId = "1",
        Name = "Apollo",
        FolderId = new FileId("101"),
        Members = [new ProjectFolderMember { User = new HostUserId("a"), StorageUserId = "alice", Permissions = StoragePermissions.All }],
    };

    private static ProjectFolderEntry ApolloFolder(string name = "Apollo (1)", params FolderAccessRule[] extra) => new()
    {
        Id = new FileId("101"),
        Name = name,
        AccessRules = [FolderAccessRule.ForUser("alice", StoragePermissions.All), FolderAccessRule.ForGroup(Group, StoragePermissions.None), FolderAccessRule.ForUser(Tech, StoragePermissions.All), .. extra],
    };

    private static ProjectFolderDesiredState Desired(params ManagedProject[] projects) => new() { TechnicalUserId = Tech, GroupId = Group, Projects = projects };

    private static ManagedRootState Current(IReadOnlyList<FolderAccessRule>? rootRules = null, params ProjectFolderEntry[] folders) =>
        new() { RootId = Root, RootAccessRules = rootRules ?? RootRules, Folders = folders };

    [Fact]
    public void A_storage_that_matches_needs_no_step_whatever_the_order_of_its_rules()
    {
        var plan = ProjectFolderPlanner.Plan(Desired(Apollo), Current(folders: ApolloFolder()), ["alice", Tech]);

        Assert.True(plan.IsEmpty);
        Assert.Equal(0, plan.WriteCount);
    }

    [Fact]
    public void A_rule_the_app_does_not_manage_on_a_project_folder_is_replaced_by_the_wanted_list()
    {
        var circle = new FolderAccessRule(FolderAccessTarget.Other, "circle:marketing", StoragePermissions.All);

        var plan = ProjectFolderPlanner.Plan(Desired(Apollo), Current(folders: ApolloFolder(extra: circle)), ["alice", Tech]);

        var step = Assert.Single(plan.Steps);
        Assert.Equal(ProjectFolderStepKind.SetPermissions, step.Kind);
        Assert.DoesNotContain(step.AccessRules, rule => rule.Target == FolderAccessTarget.Other);
        Assert.True(ProjectFolderPlanner.SameAccessRules(ApolloFolder().AccessRules, step.AccessRules));
    }

    [Fact]
    public void A_root_without_the_right_rules_is_fixed_first_and_everything_depends_on_it()
    {
        var plan = ProjectFolderPlanner.Plan(Desired(Apollo with { FolderId = null }), Current(rootRules: []), []);

        var root = plan.Steps[0];
        Assert.Equal(ProjectFolderStepKind.EnsureRootAccess, root.Kind);
        Assert.Equal(Root, root.FolderId);
        Assert.True(ProjectFolderPlanner.SameAccessRules(RootRules, root.AccessRules));
        Assert.All(plan.Steps.Skip(1), step => Assert.True(step.DependsOn == root.Id || plan.Steps[step.DependsOn!.Value].DependsOn == root.Id));
    }

    [Fact]
    public void A_new_project_gets_a_folder_and_then_its_permissions()
    {
        var plan = ProjectFolderPlanner.Plan(Desired(Apollo with { FolderId = null }), Current(), [Tech, "alice"]);

        Assert.Collection(
            plan.Steps,
            create =>
            {
                Assert.Equal(ProjectFolderStepKind.CreateFolder, create.Kind);
                Assert.Equal("Apollo (1)", create.FolderName);
            },
            permissions =>
            {
                Assert.Equal(ProjectFolderStepKind.SetPermissions, permissions.Kind);
                Assert.Equal(0, permissions.DependsOn);
                Assert.Null(permissions.FolderId);
                Assert.Contains(FolderAccessRule.ForUser("alice", StoragePermissions.All), permissions.AccessRules);
                Assert.Contains(FolderAccessRule.ForGroup(Group, StoragePermissions.None), permissions.AccessRules);
                Assert.Contains(FolderAccessRule.ForUser(Tech, StoragePermissions.All), permissions.AccessRules);
            });
    }

    [Fact]
    public void A_renamed_project_is_a_rename_of_the_same_folder_and_its_permissions_stay()
    {
        var plan = ProjectFolderPlanner.Plan(Desired(Apollo with { Name = "Apollo 2" }), Current(folders: ApolloFolder()), [Tech, "alice"]);

        var rename = Assert.Single(plan.Steps);
        Assert.Equal(ProjectFolderStepKind.RenameFolder, rename.Kind);
        Assert.Equal(new FileId("101"), rename.FolderId);
        Assert.Equal("Apollo (1)", rename.FolderName);
        Assert.Equal("Apollo 2 (1)", rename.NewName);
    }

    [Fact]
    public void Permissions_after_a_rename_run_after_it_but_do_not_depend_on_it()
    {
        var project = Apollo with { Name = "Apollo 2", Members = [] };

        var plan = ProjectFolderPlanner.Plan(Desired(project), Current(folders: ApolloFolder()), [Tech]);

        var permissions = Assert.Single(plan.Steps, step => step.Kind == ProjectFolderStepKind.SetPermissions);
        Assert.Equal(0, permissions.RunsAfter);
        Assert.Null(permissions.DependsOn);
        Assert.Equal("Apollo 2 (1)", permissions.FolderName);
    }

    [Fact]
    public void An_archived_project_and_an_unknown_folder_are_hidden_never_deleted()
    {
        var stray = new ProjectFolderEntry { Id = new FileId("555"), Name = "Someone's folder", AccessRules = [FolderAccessRule.ForUser("bob", StoragePermissions.All)] };

        var plan = ProjectFolderPlanner.Plan(Desired(Apollo with { IsActive = false }), Current(folders: [ApolloFolder(), stray]), [Tech]);

        Assert.Equal(2, plan.Steps.Count);
        Assert.All(plan.Steps, step =>
        {
            Assert.Equal(ProjectFolderStepKind.HideFolder, step.Kind);
            Assert.True(ProjectFolderPlanner.SameAccessRules(ProjectFolderPlanner.HiddenAccessRules(Tech, Group), step.AccessRules));
        });
        Assert.Equal(["101", "555"], plan.Steps.Select(step => step.FolderId!.Value.Value));
    }

    [Fact]
    public void A_folder_already_hidden_is_left_alone()
    {
        var hidden = new ProjectFolderEntry { Id = new FileId("555"), Name = "Old (9)", AccessRules = ProjectFolderPlanner.HiddenAccessRules(Tech, Group) };

        Assert.True(ProjectFolderPlanner.Plan(Desired(), Current(folders: hidden), [Tech]).IsEmpty);
    }

    [Fact]
    public void Two_projects_on_one_folder_id_are_refused_and_the_folder_is_not_touched()
    {
        var twin = Apollo with { ProjectId = "2", Name = "Twin" };

        var plan = ProjectFolderPlanner.Plan(Desired(Apollo, twin), Current(folders: ApolloFolder()), [Tech, "alice"]);

        Assert.Equal(2, plan.Steps.Count);
        Assert.All(plan.Steps, step =>
        {
            Assert.Equal(ProjectFolderErrorCodes.FolderIdCollision, step.RefusalCode);
            Assert.False(step.IsWrite);
        });
        Assert.Contains("project 2", plan.Steps[0].RefusalMessage, StringComparison.Ordinal);
        Assert.Contains("project 1", plan.Steps[1].RefusalMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_project_that_lost_its_folder_id_adopts_the_folder_with_its_name_instead_of_creating_another()
    {
        var plan = ProjectFolderPlanner.Plan(Desired(Apollo with { FolderId = null }), Current(folders: ApolloFolder()), [Tech, "alice"]);

        Assert.True(plan.IsEmpty);
        Assert.Equal(new FileId("101"), plan.AdoptedFolderIds["1"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_folder_named_in_another_case_is_adopted_and_renamed_only_where_the_storage_ignores_case(bool namesIgnoreCase)
    {
        var plan = ProjectFolderPlanner.Plan(Desired(Apollo with { FolderId = null }), Current(folders: ApolloFolder("APOLLO (1)")) with { NamesIgnoreCase = namesIgnoreCase }, [Tech, "alice"]);

        if (namesIgnoreCase)
        {
            Assert.Equal(new FileId("101"), plan.AdoptedFolderIds["1"]);
            var rename = Assert.Single(plan.Steps);
            Assert.Equal((ProjectFolderStepKind.RenameFolder, "APOLLO (1)", "Apollo (1)"), (rename.Kind, rename.FolderName, rename.NewName));
        }
        else
        {
            Assert.Empty(plan.AdoptedFolderIds);
            Assert.Contains(plan.Steps, step => step is { Kind: ProjectFolderStepKind.CreateFolder, FolderName: "Apollo (1)" });
        }
    }

    [Fact]
    public void Members_without_a_storage_account_are_skipped_and_listed()
    {
        var project = Apollo with { Members = [.. Apollo.Members, new ProjectFolderMember { User = new HostUserId("d"), StorageUserId = null, Permissions = StoragePermissions.All }] };

        var plan = ProjectFolderPlanner.Plan(Desired(project), Current(folders: ApolloFolder()), [Tech, "alice"]);

        Assert.True(plan.IsEmpty);
        var skipped = Assert.Single(plan.SkippedMembers);
        Assert.Equal(new HostUserId("d"), skipped.User);
        Assert.Equal("1", skipped.ProjectId);
    }

    [Fact]
    public void Group_members_are_added_and_removed_but_never_the_technical_user()
    {
        var plan = ProjectFolderPlanner.Plan(Desired(Apollo), Current(folders: ApolloFolder()), [Tech, "mallory"]);

        Assert.Collection(
            plan.Steps,
            add => Assert.Equal((ProjectFolderStepKind.AddGroupMember, "alice"), (add.Kind, add.UserId)),
            remove => Assert.Equal((ProjectFolderStepKind.RemoveGroupMember, "mallory"), (remove.Kind, remove.UserId)));
    }

    [Fact]
    public void The_host_may_name_every_connected_user_as_group_member()
    {
        var desired = Desired(Apollo) with { GroupMembers = ["alice", "zoe"] };

        var plan = ProjectFolderPlanner.Plan(desired, Current(folders: ApolloFolder()), [Tech, "alice"]);

        var add = Assert.Single(plan.Steps);
        Assert.Equal("zoe", add.UserId);
    }

    [Fact]
    public void Unknown_group_members_mean_no_membership_step()
    {
        var plan = ProjectFolderPlanner.Plan(Desired(Apollo), Current(folders: ApolloFolder()), groupMembers: null);

        Assert.True(plan.IsEmpty);
        Assert.False(plan.GroupMembersKnown);
    }

    [Fact]
    public void A_member_listed_twice_gets_the_union_of_permissions()
    {
        var project = Apollo with
        {
            Members =
            [
                new ProjectFolderMember { User = new HostUserId("a"), StorageUserId = "alice", Permissions = StoragePermissions.Read },
                new ProjectFolderMember { User = new HostUserId("a2"), StorageUserId = "alice", Permissions = StoragePermissions.Write },
            ],
        };

        var plan = ProjectFolderPlanner.Plan(Desired(project), Current(folders: ApolloFolder()), [Tech, "alice"]);

        Assert.Contains(FolderAccessRule.ForUser("alice", StoragePermissions.Read | StoragePermissions.Write), Assert.Single(plan.Steps).AccessRules);
    }

    [Fact]
    public void A_rule_with_a_partial_mask_is_not_the_same_as_a_full_one()
    {
        var partial = ApolloFolder() with { AccessRules = [FolderAccessRule.ForUser(Tech, StoragePermissions.All), FolderAccessRule.ForGroup(Group, StoragePermissions.None), new FolderAccessRule(FolderAccessTarget.User, "alice", StoragePermissions.All, StoragePermissions.Read)] };

        Assert.Single(ProjectFolderPlanner.Plan(Desired(Apollo), Current(folders: partial), [Tech, "alice"]).Steps);
    }

    [Fact]
    public void A_project_listed_twice_is_refused() =>
        Assert.Throws<ArgumentException>(() => ProjectFolderPlanner.Plan(Desired(Apollo, Apollo), Current(), []));
}
