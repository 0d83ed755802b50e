using OpenProject.Storages.ProjectFolders;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Abstractions.Tests.ProjectFolders;

public sealed class ProjectFolderSyncTests
{
    private readonly FolderWorld _world = new();

    [Fact]
    public async Task A_first_run_sets_up_the_root_creates_the_folders_grants_members_and_fills_the_group()
    {
        var report = await _world.SyncAsync();

        Assert.Equal(ProjectFolderSyncOutcome.Succeeded, report.Outcome);
        Assert.True(ProjectFolderPlanner.SameAccessRules(ProjectFolderPlanner.RootAccessRules(FolderWorld.TechnicalUser, FolderWorld.Group), _world.Storage.RootAccessRules));
        var apollo = _world.FolderOf(_world.Apollo);
        Assert.Equal("Apollo (1)", apollo.Name);
        Assert.Equal(StoragePermissions.All, FolderWorld.PermissionOf(apollo, "alice"));
        Assert.Equal(StoragePermissions.Read, FolderWorld.PermissionOf(apollo, "bob"));
        Assert.Null(FolderWorld.PermissionOf(apollo, "carol"));
        Assert.Equal(StoragePermissions.All, FolderWorld.PermissionOf(apollo, FolderWorld.TechnicalUser));
        Assert.Contains(FolderAccessRule.ForGroup(FolderWorld.Group, StoragePermissions.None), apollo.AccessRules);
        Assert.Equal(FolderWorld.Editor, FolderWorld.PermissionOf(_world.FolderOf(_world.Gemini), "carol"));
        Assert.Equal([FolderWorld.TechnicalUser, "alice", "bob", "carol"], _world.Storage.MembersOf(FolderWorld.Group));
        Assert.Equal(2, report.FolderIds.Count);
    }

    [Fact]
    public async Task A_no_op_rerun_issues_zero_writes()
    {
        await _world.SyncAsync();
        _world.Storage.ResetRequestCounts();

        var report = await _world.SyncAsync();

        Assert.Equal(ProjectFolderSyncOutcome.Succeeded, report.Outcome);
        Assert.Empty(report.Steps);
        Assert.Equal(0, report.WriteRequests);
        Assert.Equal(0, _world.Storage.WriteRequestCount);
        Assert.Equal(1, _world.Storage.RequestCount(ProjectFolderOperation.ReadManagedRoot));
        Assert.Equal(1, _world.Storage.RequestCount(ProjectFolderOperation.GetGroupMembers));
    }

    [Fact]
    public async Task Requests_grow_with_the_change_not_with_the_number_of_projects()
    {
        var projects = Enumerable.Range(1, 50).Select(i => new ManagedProject
        {
            ProjectId = $"{i}",
            Name = $"P{i}",
            Members = [new ProjectFolderMember { User = FolderWorld.Alice, StorageUserId = "alice", Permissions = StoragePermissions.Read }],
        }).ToArray();
        var first = await _world.Synchronizer.SynchronizeAsync(_world.Desired(projects), TestContext.Current.CancellationToken);
        var persisted = projects.Select(project => project with { FolderId = first.FolderIds[project.ProjectId] }).ToArray();
        persisted[7] = persisted[7] with { Members = [new ProjectFolderMember { User = FolderWorld.Alice, StorageUserId = "alice", Permissions = FolderWorld.Editor }] };
        _world.Storage.ResetRequestCounts();

        var report = await _world.Synchronizer.SynchronizeAsync(_world.Desired(persisted), TestContext.Current.CancellationToken);

        Assert.Equal(1, report.WriteRequests);
        Assert.Equal(1, _world.Storage.WriteRequestCount);
        Assert.Equal(1, _world.Storage.RequestCount(ProjectFolderOperation.GetAccessRules));
    }

    [Fact]
    public async Task A_renamed_project_moves_its_folder_keeping_id_and_permissions()
    {
        await _world.SyncAsync();
        var before = _world.FolderOf(_world.Apollo);
        _world.Apollo = _world.Apollo with { Name = "Apollo / Moon" };
        _world.Storage.ResetRequestCounts();

        var report = await _world.SyncAsync();

        Assert.Equal(ProjectFolderSyncOutcome.Succeeded, report.Outcome);
        var after = _world.FolderOf(_world.Apollo);
        Assert.Equal(before.Id, after.Id);
        Assert.Equal("Apollo | Moon (1)", after.Name);
        Assert.Equal(before.AccessRules, after.AccessRules);
        Assert.Equal(0, _world.Storage.RequestCount(ProjectFolderOperation.CreateFolder));
        Assert.Equal(1, _world.Storage.WriteRequestCount);
        Assert.Empty(report.FolderIds);
    }

    [Fact]
    public async Task An_archived_project_keeps_its_folder_but_only_the_technical_user_sees_it()
    {
        await _world.SyncAsync();
        _world.Apollo = _world.Apollo with { IsActive = false };

        var report = await _world.SyncAsync();

        Assert.Equal(ProjectFolderSyncOutcome.Succeeded, report.Outcome);
        Assert.Equal(ProjectFolderStepKind.HideFolder, Assert.Single(report.Steps, step => step.Step.ProjectId == "1").Step.Kind);
        var folder = _world.FolderOf(_world.Apollo);
        Assert.True(ProjectFolderPlanner.SameAccessRules(ProjectFolderPlanner.HiddenAccessRules(FolderWorld.TechnicalUser, FolderWorld.Group), folder.AccessRules));
        Assert.DoesNotContain("bob", _world.Storage.MembersOf(FolderWorld.Group));
    }

    [Fact]
    public async Task A_folder_nobody_claims_is_hidden()
    {
        var stray = _world.Storage.AddFolder("Holiday photos", FolderAccessRule.ForUser("bob", StoragePermissions.All));

        await _world.SyncAsync();

        Assert.Null(FolderWorld.PermissionOf(_world.Storage.FindFolder(stray.Id)!, "bob"));
    }

    [Fact]
    public async Task A_member_who_loses_write_permission_keeps_only_read()
    {
        await _world.SyncAsync();
        _world.Gemini = _world.Gemini with { Members = [new ProjectFolderMember { User = FolderWorld.Carol, StorageUserId = "carol", Permissions = StoragePermissions.Read }] };

        var report = await _world.SyncAsync();

        Assert.Equal(ProjectFolderStepKind.SetPermissions, Assert.Single(report.Steps).Step.Kind);
        Assert.Equal(StoragePermissions.Read, FolderWorld.PermissionOf(_world.FolderOf(_world.Gemini), "carol"));
    }

    [Fact]
    public async Task A_member_who_is_removed_loses_access_and_their_group_membership()
    {
        await _world.SyncAsync();
        _world.Apollo = _world.Apollo with { Members = [.. _world.Apollo.Members.Where(member => member.User != FolderWorld.Bob)] };

        var report = await _world.SyncAsync();

        Assert.Equal(ProjectFolderSyncOutcome.Succeeded, report.Outcome);
        Assert.Null(FolderWorld.PermissionOf(_world.FolderOf(_world.Apollo), "bob"));
        Assert.DoesNotContain("bob", _world.Storage.MembersOf(FolderWorld.Group));
        Assert.Equal("bob", FolderWorld.Single(report, ProjectFolderStepKind.RemoveGroupMember).Step.UserId);
    }

    [Fact]
    public async Task A_user_without_a_storage_identity_is_skipped_and_listed()
    {
        _world.Apollo = _world.Apollo with { Members = [.. _world.Apollo.Members, new ProjectFolderMember { User = FolderWorld.Dave, Permissions = StoragePermissions.All }] };

        var report = await _world.SyncAsync();

        Assert.Equal(ProjectFolderSyncOutcome.Succeeded, report.Outcome);
        var skipped = Assert.Single(report.SkippedMembers);
        Assert.Equal(FolderWorld.Dave, skipped.User);
        Assert.Contains("has not connected", skipped.Reason, StringComparison.Ordinal);
        Assert.Equal(4, _world.FolderOf(_world.Apollo).AccessRules.Count);
    }

    [Fact]
    public async Task Two_projects_on_one_folder_id_are_reported_and_the_folder_is_not_overwritten()
    {
        await _world.SyncAsync();
        var before = _world.FolderOf(_world.Apollo);
        _world.Gemini = _world.Gemini with { FolderId = _world.Apollo.FolderId };

        var report = await _world.SyncAsync();

        Assert.Equal(ProjectFolderSyncOutcome.CompletedWithErrors, report.Outcome);
        var failures = report.Failures.ToArray();
        Assert.Equal(2, failures.Length);
        Assert.All(failures, failure =>
        {
            Assert.Equal(ProjectFolderErrorCodes.FolderIdCollision, failure.ErrorCode);
            Assert.Contains("both use folder 'Apollo (1)'", failure.Message, StringComparison.Ordinal);
        });
        var after = _world.FolderOf(_world.Apollo);
        Assert.Equal(before.Name, after.Name);
        Assert.Equal(before.AccessRules, after.AccessRules);
        var geminiFolder = _world.Storage.FindFolder("Gemini (2)")!;
        Assert.Equal(FolderWorld.Editor, FolderWorld.PermissionOf(geminiFolder, "carol"));
    }

    [Fact]
    public async Task An_acl_write_the_storage_silently_ignores_is_detected_by_reading_it_back()
    {
        await _world.SyncAsync();
        _world.Storage.CanManageAccessRules = false;
        _world.Gemini = _world.Gemini with { Members = [] };

        var report = await _world.SyncAsync();

        var failure = Assert.Single(report.Failures);
        Assert.Equal(ProjectFolderErrorCodes.AccessRulesNotApplied, failure.ErrorCode);
        Assert.Contains("may not manage this folder's access list", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Found instead: user carol", failure.Detail, StringComparison.Ordinal);
        Assert.Equal(FolderWorld.Editor, FolderWorld.PermissionOf(_world.FolderOf(_world.Gemini), "carol"));
    }

    [Fact]
    public async Task Rules_for_a_user_the_storage_does_not_know_are_accepted_as_a_real_server_does()
    {
        _world.Apollo = _world.Apollo with { Members = [new ProjectFolderMember { User = FolderWorld.Dave, StorageUserId = "ghost", Permissions = StoragePermissions.Read }] };

        var report = await _world.SyncAsync();

        Assert.Equal(StoragePermissions.Read, FolderWorld.PermissionOf(_world.FolderOf(_world.Apollo), "ghost"));
        var add = Assert.Single(report.Failures);
        Assert.Equal(ProjectFolderErrorCodes.UserNotFound, add.ErrorCode);
        Assert.Contains("user ghost does not exist", add.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_root_read_aborts_with_a_clear_report_and_changes_nothing()
    {
        _world.Storage.Faults.Inject(ProjectFolderOperation.ReadManagedRoot, StorageFault.Unauthorized);

        var report = await _world.SyncAsync();

        Assert.Equal(ProjectFolderSyncOutcome.Aborted, report.Outcome);
        Assert.Equal(StorageErrorCode.Unauthorized, report.AbortCode);
        Assert.Contains("Reading the managed root folder failed, so nothing was changed", report.AbortMessage, StringComparison.Ordinal);
        Assert.Contains("app password", report.AbortMessage, StringComparison.Ordinal);
        Assert.Equal(0, _world.Storage.WriteRequestCount);
    }

    [Fact]
    public async Task A_failed_root_permission_change_aborts_and_skips_every_other_step()
    {
        _world.Storage.Faults.Inject(ProjectFolderOperation.SetAccessRules, new StorageException(StorageErrorCode.Forbidden, "Forbidden", httpStatus: 403));

        var report = await _world.SyncAsync();

        Assert.Equal(ProjectFolderSyncOutcome.Aborted, report.Outcome);
        Assert.Equal(StorageErrorCode.Forbidden, report.AbortCode);
        Assert.Contains("Nothing else was attempted", report.AbortMessage, StringComparison.Ordinal);
        Assert.All(report.Steps.Skip(1), step =>
        {
            Assert.Equal(ProjectFolderStepOutcome.Skipped, step.Outcome);
            Assert.Equal(0, step.BlockedBy);
        });
        Assert.Empty(_world.Storage.Folders);
        Assert.Equal(1, _world.Storage.WriteRequestCount);
    }

    [Fact]
    public async Task A_failed_create_skips_that_folders_permissions_and_the_rest_goes_on()
    {
        _world.Storage.Faults.Inject(ProjectFolderOperation.CreateFolder, StorageFault.Unavailable);
        var desired = _world.Desired(_world.Apollo);

        var report = await _world.Synchronizer.SynchronizeAsync(desired, TestContext.Current.CancellationToken);

        Assert.Equal(ProjectFolderSyncOutcome.CompletedWithErrors, report.Outcome);
        var create = FolderWorld.Single(report, ProjectFolderStepKind.CreateFolder);
        Assert.Equal(ProjectFolderStepOutcome.Failed, create.Outcome);
        Assert.Contains("The next sync retries", create.Message, StringComparison.Ordinal);
        var permissions = FolderWorld.Single(report, ProjectFolderStepKind.SetPermissions);
        Assert.Equal(ProjectFolderStepOutcome.Skipped, permissions.Outcome);
        Assert.Equal(create.Step.Id, permissions.BlockedBy);
        Assert.All(report.Steps.Where(step => step.Step.Kind == ProjectFolderStepKind.AddGroupMember), step => Assert.Equal(ProjectFolderStepOutcome.Succeeded, step.Outcome));
        Assert.Empty(report.FolderIds);
    }

    [Fact]
    public async Task A_rename_that_conflicts_still_updates_permissions_under_the_old_name()
    {
        await _world.SyncAsync();
        _world.Storage.AddFolder("Apollo 2 (1)");
        _world.Apollo = _world.Apollo with { Name = "Apollo 2", Members = [_world.Apollo.Members[0]] };

        var report = await _world.SyncAsync();

        var rename = FolderWorld.Single(report, ProjectFolderStepKind.RenameFolder);
        Assert.Equal(StorageErrorCode.Conflict, rename.ErrorCode);
        Assert.Contains("a folder named 'Apollo 2 (1)' already exists", rename.Message, StringComparison.Ordinal);
        Assert.Equal(ProjectFolderStepOutcome.Succeeded, FolderWorld.Single(report, ProjectFolderStepKind.SetPermissions).Outcome);
        var folder = _world.FolderOf(_world.Apollo);
        Assert.Equal("Apollo (1)", folder.Name);
        Assert.Null(FolderWorld.PermissionOf(folder, "bob"));
    }

    [Fact]
    public async Task A_folder_created_but_not_persisted_is_adopted_on_the_next_run()
    {
        var first = await _world.SyncAsync(_world.Desired(_world.Apollo));
        var id = first.FolderIds["1"];

        var report = await _world.Synchronizer.SynchronizeAsync(_world.Desired(_world.Apollo with { FolderId = null }), TestContext.Current.CancellationToken);

        Assert.Equal(id, report.FolderIds["1"]);
        Assert.Equal(0, report.WriteRequests);
        Assert.Single(_world.Storage.Folders);
    }

    [Fact]
    public async Task A_missing_group_is_reported_with_its_fix()
    {
        _world.Storage.RemoveGroup(FolderWorld.Group);

        var report = await _world.SyncAsync();

        Assert.Equal(ProjectFolderSyncOutcome.CompletedWithErrors, report.Outcome);
        var failure = Assert.Single(report.Failures);
        Assert.Equal(ProjectFolderStepKind.ReadGroupMembers, failure.Step.Kind);
        Assert.Equal(ProjectFolderErrorCodes.GroupNotFound, failure.ErrorCode);
        Assert.Contains("group OpenProject does not exist", failure.Message, StringComparison.Ordinal);
        Assert.Contains("sub-admin", failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, _world.Storage.Folders.Count);
    }

    [Fact]
    public async Task A_technical_user_that_may_not_manage_the_group_is_reported()
    {
        _world.Storage.AddGroup(FolderWorld.Group, technicalUserIsSubAdmin: false);

        var report = await _world.SyncAsync();

        var failures = report.Failures.ToArray();
        Assert.Equal(3, failures.Length);
        Assert.All(failures, failure =>
        {
            Assert.Equal(ProjectFolderErrorCodes.InsufficientPrivileges, failure.ErrorCode);
            Assert.Contains("Make it a sub-admin of the group", failure.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_deleted_storage_user_is_reported_as_such()
    {
        _world.Storage.RemoveUser("carol");

        var report = await _world.SyncAsync();

        var failure = Assert.Single(report.Failures);
        Assert.Equal(ProjectFolderStepKind.AddGroupMember, failure.Step.Kind);
        Assert.Equal(ProjectFolderErrorCodes.UserNotFound, failure.ErrorCode);
    }

    [Theory]
    [MemberData(nameof(ErrorCodes))]
    public async Task Every_error_code_of_a_step_gets_its_own_actionable_message(string code, string expected)
    {
        await _world.SyncAsync();
        _world.Gemini = _world.Gemini with { Members = [] };
        _world.Storage.Faults.Inject(ProjectFolderOperation.SetAccessRules, new StorageException(new StorageErrorCode(code), "The storage said no.", httpStatus: 400, detail: "server detail"));

        var report = await _world.SyncAsync();

        var failure = Assert.Single(report.Failures);
        Assert.Equal(new StorageErrorCode(code), failure.ErrorCode);
        Assert.StartsWith("Setting the permissions of folder 'Gemini (2)' for project 2 failed: ", failure.Message, StringComparison.Ordinal);
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        Assert.Equal("server detail", failure.Detail);
        Assert.Equal(400, failure.HttpStatus);
    }

    public static TheoryData<string, string> ErrorCodes => new()
    {
        { "Unauthorized", "app password" },
        { "Forbidden", "is not allowed to do this" },
        { "NotFound", "the folder no longer exists" },
        { "Conflict", "conflicts" },
        { "Locked", "locked" },
        { "InsufficientStorage", "quota" },
        { "Unavailable", "could not be reached" },
        { "InvalidResponse", "cannot be read" },
        { "InvalidRequest", "forbidden characters" },
        { "GroupNotFound", "does not exist" },
        { "InsufficientPrivileges", "sub-admin" },
        { "GroupMembershipRefused", "OpenProjectNoAutomaticProjectFolders" },
        { "NoGroupSpecified", "Set the group name" },
        { "SomethingNew", "the storage failed (SomethingNew)" },
    };

    [Fact]
    public async Task Concurrency_is_bounded()
    {
        var world = new FolderWorld(new ProjectFolderSyncOptions { MaxConcurrency = 1 });
        var projects = Enumerable.Range(1, 20).Select(i => new ManagedProject { ProjectId = $"{i}", Name = $"P{i}" }).ToArray();

        var report = await world.Synchronizer.SynchronizeAsync(world.Desired(projects), TestContext.Current.CancellationToken);

        Assert.Equal(ProjectFolderSyncOutcome.Succeeded, report.Outcome);
        Assert.Equal(20, world.Storage.Folders.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProjectFolderSynchronizer(world.Storage, new ProjectFolderSyncOptions { MaxConcurrency = 0 }));
    }

    [Fact]
    public async Task A_dry_run_plans_without_writing()
    {
        var plan = await _world.Synchronizer.PlanAsync(_world.Desired(), TestContext.Current.CancellationToken);

        Assert.Equal(1 + 2 + 2 + 3, plan.Steps.Count);
        Assert.Equal(0, _world.Storage.WriteRequestCount);
        var report = await _world.Synchronizer.ApplyAsync(plan, TestContext.Current.CancellationToken);
        Assert.Equal(plan.Steps.Count, report.WriteRequests);
    }
}
