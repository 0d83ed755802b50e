using OpenProject.Storages.OneDrive.ProjectFolders;
using OpenProject.Storages.OneDrive.Tests.Conformance;
using OpenProject.Storages.OneDrive.Tests.StandIn;
using OpenProject.Storages.ProjectFolders;

namespace OpenProject.Storages.OneDrive.Tests.ProjectFolders;

/// <summary>
/// The shared <see cref="ProjectFolderSynchronizer"/> over <see cref="OneDriveProjectFolderStorage"/> and the Graph
/// stand-in, in the situations OpenProject's OneDrive sync recordings show: folders created and renamed, users granted
/// read or write, archived projects hidden, an owner keeping access, a user the directory does not know, a name taken,
/// an unreadable root and a request that never comes back.
/// </summary>
public sealed class OneDriveProjectFolderTests : IDisposable
{
    private const string AliceOid = "33db2c84-275d-46af-afb0-c26eb786b194";
    private const string BobOid = "2ff33b8f-2843-40c1-9a17-d786bca17fba";
    private const string DaveOid = "248aeb72-b231-4e71-a466-67fa7df2a285";
    private static readonly StorageActor Alice = StorageActor.ForUser(new HostUserId("1"));
    private static readonly StorageActor Bob = StorageActor.ForUser(new HostUserId("2"));
    private static readonly StorageActor Dave = StorageActor.ForUser(new HostUserId("4"));
    private static readonly StorageActor Owner = StorageActor.ForUser(new HostUserId("owner"));

    private readonly OneDriveConformanceFixture _fixture;

    public OneDriveProjectFolderTests()
    {
        _fixture = new OneDriveConformanceFixture(options => options.ResponseTimeout = TimeSpan.FromSeconds(2));
        Server.AddDirectoryUser(AliceOid, "Alice Example");
        Server.AddDirectoryUser(BobOid, "Bob Example");
        Server.AddDirectoryUser(DaveOid, "Dave Example");
        Server.AddDirectoryUser(StatefulGraph.OwnerObjectId, "Eric Schubert");
        Server.IssueToken("dave-access-token", "Dave Example");
        Server.IssueToken("owner-access-token", "Eric Schubert");
        _fixture.Tokens.Connect(new HostUserId("4"), "dave-access-token");
        _fixture.Tokens.Connect(new HostUserId("owner"), "owner-access-token");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private StatefulGraph Server => _fixture.Server;

    private OneDriveFileStorage Files => _fixture.OneDrive;

    private ProjectFolderSynchronizer Synchronizer => new(_fixture.ProjectFolders);

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task New_projects_get_folders_and_their_members_read_or_write_as_OpenProject_grants_them()
    {
        var report = await Synchronizer.SynchronizeAsync(Desired(Apollo(), Gemini()), Ct);

        Assert.True(report.IsSuccess, string.Join("\n", report.Failures));
        var apollo = Server.Find(StoragePath.Parse("/Apollo (1)"))!;
        Assert.Equal(apollo.Id, report.FolderIds["1"].Value);
        Assert.Equal(Server.Find(StoragePath.Parse("/Gemini_ Phase _2_ (2)"))!.Id, report.FolderIds["2"].Value);

        // The recorded request shapes: create with "fail", one invitation per role with all its users, no mail.
        Assert.Contains(Server.Writes, write => write.Method == "POST" && write.Path.EndsWith("/root/children", StringComparison.Ordinal)
            && write.Body == """{"name":"Apollo (1)","folder":{},"@microsoft.graph.conflictBehavior":"fail"}""");
        Assert.Contains(Server.Writes, write => write.Path.EndsWith($"/items/{apollo.Id}/invite", StringComparison.Ordinal)
            && write.Body == $$"""{"requireSignIn":true,"sendInvitation":false,"roles":["write"],"recipients":[{"objectId":"{{AliceOid}}"}]}""");
        Assert.Contains(Server.Writes, write => write.Path.EndsWith($"/items/{apollo.Id}/invite", StringComparison.Ordinal)
            && write.Body == $$"""{"requireSignIn":true,"sendInvitation":false,"roles":["read"],"recipients":[{"objectId":"{{BobOid}}"}]}""");

        // What the users may now do is what Graph enforces for their own tokens.
        Assert.Equal("Apollo (1)", (await Files.GetFileInfoAsync(Alice, new FileId(apollo.Id), Ct)).Name);
        await Files.CreateFolderAsync(Alice, apollo.Path, "Design", Ct);
        Assert.Equal("Apollo (1)", (await Files.GetFileInfoAsync(Bob, new FileId(apollo.Id), Ct)).Name);
        var refused = await Assert.ThrowsAsync<StorageException>(() => Files.CreateFolderAsync(Bob, apollo.Path, "Bob's", Ct));
        Assert.Equal(StorageErrorCode.Forbidden, refused.Code);
        var hidden = await Assert.ThrowsAsync<StorageException>(() => Files.GetFileInfoAsync(Dave, new FileId(apollo.Id), Ct));
        Assert.Equal(StorageErrorCode.Forbidden, hidden.Code);
    }

    [Fact]
    public async Task A_second_run_with_nothing_changed_writes_nothing_and_reads_permissions_in_batches()
    {
        var projects = Enumerable.Range(1, 25).Select(i => Apollo() with { ProjectId = $"{i}", Name = $"Project {i}" }).ToArray();
        var first = await Synchronizer.SynchronizeAsync(Desired(projects), Ct);
        Assert.True(first.IsSuccess, string.Join("\n", first.Failures));
        var ids = first.FolderIds;
        var writes = Server.Writes.Count;
        var batches = Server.BatchRequests;
        var requests = Server.Requests;

        var second = await Synchronizer.SynchronizeAsync(Desired([.. projects.Select(p => p with { FolderId = ids[p.ProjectId] })]), Ct);

        Assert.True(second.IsSuccess);
        Assert.Empty(second.Steps);
        Assert.Equal(0, second.WriteRequests);
        Assert.Equal(writes, Server.Writes.Count);
        Assert.Equal(2, Server.BatchRequests - batches);

        // The root, its children pages (two items a page in this fixture), two batches: OpenProject sends 1 + 2 per folder.
        Assert.Equal(1 + ((25 + Server.MaxPageSize - 1) / Server.MaxPageSize) + 2, Server.Requests - requests);
    }

    [Fact]
    public async Task A_renamed_project_renames_its_folder_which_keeps_its_id_and_members()
    {
        var first = await Synchronizer.SynchronizeAsync(Desired(Apollo()), Ct);
        var id = first.FolderIds["1"];

        var report = await Synchronizer.SynchronizeAsync(Desired(Apollo(id) with { Name = "Apollo Lunar" }), Ct);

        Assert.True(report.IsSuccess, string.Join("\n", report.Failures));
        var step = Assert.Single(report.Steps);
        Assert.Equal(ProjectFolderStepKind.RenameFolder, step.Step.Kind);
        Assert.Equal(("PATCH", """{"name":"Apollo Lunar (1)"}"""), (Server.Writes[^1].Method, Server.Writes[^1].Body));
        Assert.Equal(id.Value, Server.Find(StoragePath.Parse("/Apollo Lunar (1)"))!.Id);
        Assert.Equal("Apollo Lunar (1)", (await Files.GetFileInfoAsync(Bob, id, Ct)).Name);
    }

    [Fact]
    public async Task An_archived_project_and_a_stray_folder_are_hidden_but_kept_and_the_owner_still_sees_them()
    {
        var first = await Synchronizer.SynchronizeAsync(Desired(Apollo()), Ct);
        var id = first.FolderIds["1"];
        var stray = Server.AddFolder(StoragePath.Parse("/Old files"));
        await _fixture.ProjectFolders.SetAccessRulesAsync(new FileId(stray.Id), stray.Path, [FolderAccessRule.ForUser(DaveOid, StoragePermissions.Read)], Ct);
        Assert.Equal("Old files", (await Files.GetFileInfoAsync(Dave, new FileId(stray.Id), Ct)).Name);

        var report = await Synchronizer.SynchronizeAsync(Desired(Apollo(id) with { IsActive = false }), Ct);

        Assert.True(report.IsSuccess, string.Join("\n", report.Failures));
        Assert.All(report.Steps, step => Assert.Equal(ProjectFolderStepKind.HideFolder, step.Step.Kind));
        Assert.Equal(2, report.Steps.Count);
        Assert.Empty(await _fixture.ProjectFolders.GetAccessRulesAsync(id, StoragePath.Parse("/Apollo (1)"), Ct));
        Assert.DoesNotContain(Server.Writes, write => write.Method == "DELETE" && !write.Path.Contains("/permissions/", StringComparison.Ordinal));
        Assert.Equal(StorageErrorCode.Forbidden, (await Assert.ThrowsAsync<StorageException>(() => Files.GetFileInfoAsync(Alice, id, Ct))).Code);
        Assert.Equal(StorageErrorCode.Forbidden, (await Assert.ThrowsAsync<StorageException>(() => Files.GetFileInfoAsync(Dave, new FileId(stray.Id), Ct))).Code);
        Assert.Equal("Apollo (1)", (await Files.GetFileInfoAsync(Owner, id, Ct)).Name);
        Assert.Equal("Old files", (await Files.GetFileInfoAsync(Owner, new FileId(stray.Id), Ct)).Name);
    }

    [Fact]
    public async Task Members_who_join_leave_or_change_role_get_exactly_that_and_the_others_keep_their_permission()
    {
        var first = await Synchronizer.SynchronizeAsync(Desired(Apollo()), Ct);
        var id = first.FolderIds["1"];
        var folder = Server.Find(StoragePath.Parse("/Apollo (1)"))!;
        var alicePermission = Server.PermissionsOf(folder).Single(permission => permission.UserId == AliceOid).Id;
        var writes = Server.Writes.Count;

        // Alice stays a writer, Bob becomes one, Dave joins as a reader; then Alice leaves.
        var changed = Apollo(id) with { Members = [Member("1", AliceOid, StoragePermissions.All), Member("2", BobOid, StoragePermissions.Read | StoragePermissions.Write), Member("4", DaveOid, StoragePermissions.Read)] };
        var report = await Synchronizer.SynchronizeAsync(Desired(changed), Ct);

        Assert.True(report.IsSuccess, string.Join("\n", report.Failures));
        var requests = Server.Writes.Skip(writes).Select(write => (write.Method, Tail(write.Path))).ToList();
        Assert.Equal([("DELETE", "permissions"), ("POST", "invite"), ("POST", "invite")], requests);
        Assert.Contains(Server.PermissionsOf(folder), permission => permission.Id == alicePermission && permission.Role == "write");
        Assert.True(ProjectFolderPlanner.SameAccessRules(
            [FolderAccessRule.ForUser(AliceOid, OneDriveProjectFolderStorage.WriteRole), FolderAccessRule.ForUser(BobOid, OneDriveProjectFolderStorage.WriteRole), FolderAccessRule.ForUser(DaveOid, OneDriveProjectFolderStorage.ReadRole)],
            await _fixture.ProjectFolders.GetAccessRulesAsync(id, folder.Path, Ct)));

        var left = await Synchronizer.SynchronizeAsync(Desired(changed with { Members = changed.Members.Skip(1).ToList() }), Ct);

        Assert.True(left.IsSuccess);
        Assert.Equal(StorageErrorCode.Forbidden, (await Assert.ThrowsAsync<StorageException>(() => Files.GetFileInfoAsync(Alice, id, Ct))).Code);
        Assert.Equal("Apollo (1)", (await Files.GetFileInfoAsync(Dave, id, Ct)).Name);
    }

    [Fact]
    public async Task Read_back_leaves_out_owners_and_inherited_permissions()
    {
        var first = await Synchronizer.SynchronizeAsync(Desired(Apollo() with { Members = [] }), Ct);
        var folder = Server.Find(StoragePath.Parse("/Apollo (1)"))!;
        Assert.False(Server.HasOwnPermissions(folder));
        Assert.All(Server.PermissionsOf(folder), permission => Assert.True(permission.Inherited && permission.Role == "owner"));

        await _fixture.ProjectFolders.SetAccessRulesAsync(first.FolderIds["1"], folder.Path, [FolderAccessRule.ForUser(BobOid, StoragePermissions.Read)], Ct);

        Assert.True(Server.HasOwnPermissions(folder));
        Assert.Equal(4, Server.PermissionsOf(folder).Count);
        Assert.Equal([FolderAccessRule.ForUser(BobOid, StoragePermissions.Read)], await _fixture.ProjectFolders.GetAccessRulesAsync(first.FolderIds["1"], folder.Path, Ct));
    }

    [Fact]
    public async Task A_member_the_directory_does_not_know_fails_that_step_only_and_the_others_get_access()
    {
        var apollo = Apollo() with { Members = [Member("1", AliceOid, StoragePermissions.All), Member("9", "my_name_is_mud", StoragePermissions.All), Member("4", DaveOid, StoragePermissions.All)] };

        var report = await Synchronizer.SynchronizeAsync(Desired(apollo, Gemini()), Ct);

        Assert.Equal(ProjectFolderSyncOutcome.CompletedWithErrors, report.Outcome);
        var failure = Assert.Single(report.Failures);
        Assert.Equal((ProjectFolderStepKind.SetPermissions, "1"), (failure.Step.Kind, failure.Step.ProjectId));
        Assert.Equal(ProjectFolderErrorCodes.UserNotFound, failure.ErrorCode);
        Assert.Contains("my_name_is_mud", failure.Detail, StringComparison.Ordinal);
        Assert.Contains("do not exist in the storage's directory", failure.Message, StringComparison.Ordinal);
        Assert.Equal("Apollo (1)", (await Files.GetFileInfoAsync(Alice, report.FolderIds["1"], Ct)).Name);
        Assert.Equal("Apollo (1)", (await Files.GetFileInfoAsync(Dave, report.FolderIds["1"], Ct)).Name);
        Assert.Equal("Gemini_ Phase _2_ (2)", (await Files.GetFileInfoAsync(Bob, report.FolderIds["2"], Ct)).Name);
    }

    [Fact]
    public async Task A_folder_named_in_another_case_is_adopted_and_renamed_and_a_taken_rename_keeps_the_old_name_with_permissions_applied()
    {
        // SharePoint compares names without regard to case: creating "Apollo (1)" beside "APOLLO (1)" would fail on every run.
        var shouting = Server.AddFolder(StoragePath.Parse("/APOLLO (1)"));
        var gemini = Server.AddFolder(StoragePath.Parse("/Gemini old"));
        Server.AddFolder(StoragePath.Parse("/Gemini_ Phase _2_ (2)"));

        var report = await Synchronizer.SynchronizeAsync(Desired(Apollo(), Gemini(new FileId(gemini.Id))), Ct);

        Assert.DoesNotContain(report.Steps, step => step.Step.Kind == ProjectFolderStepKind.CreateFolder);
        Assert.Equal(new FileId(shouting.Id), report.FolderIds["1"]);
        var recase = report.Steps.Single(step => step.Step.ProjectId == "1" && step.Step.Kind == ProjectFolderStepKind.RenameFolder);
        Assert.Equal(ProjectFolderStepOutcome.Succeeded, recase.Outcome);
        Assert.Equal(ProjectFolderStepOutcome.Succeeded, report.Steps.Single(step => step.Step.ProjectId == "1" && step.Step.Kind == ProjectFolderStepKind.SetPermissions).Outcome);
        Assert.Equal("Apollo (1)", (await Files.GetFileInfoAsync(Alice, new FileId(shouting.Id), Ct)).Name);

        var rename = report.Steps.Single(step => step.Step.ProjectId == "2" && step.Step.Kind == ProjectFolderStepKind.RenameFolder);
        Assert.Equal((ProjectFolderStepOutcome.Failed, StorageErrorCode.Conflict), (rename.Outcome, rename.ErrorCode));
        Assert.Equal(ProjectFolderStepOutcome.Succeeded, report.Steps.Single(step => step.Step.ProjectId == "2" && step.Step.Kind == ProjectFolderStepKind.SetPermissions).Outcome);
        Assert.Equal("Gemini old", (await Files.GetFileInfoAsync(Bob, new FileId(gemini.Id), Ct)).Name);
    }

    [Fact]
    public async Task A_request_that_never_comes_back_fails_its_step_and_the_other_folders_are_done()
    {
        var first = await Synchronizer.SynchronizeAsync(Desired(Apollo() with { Members = [] }, Gemini() with { Members = [] }), Ct);
        var apollo = first.FolderIds["1"];
        Server.Stall = request => request.RequestUri!.AbsolutePath.EndsWith($"/items/{apollo.Value}/invite", StringComparison.Ordinal);

        var report = await Synchronizer.SynchronizeAsync(Desired(Apollo(apollo), Gemini(first.FolderIds["2"])), Ct);

        var failure = Assert.Single(report.Failures);
        Assert.Equal(("1", StorageErrorCode.Unavailable), (failure.Step.ProjectId, failure.ErrorCode));
        Assert.Contains("did not answer in time", failure.Message, StringComparison.Ordinal);
        Assert.Equal("Gemini_ Phase _2_ (2)", (await Files.GetFileInfoAsync(Bob, first.FolderIds["2"], Ct)).Name);
    }

    [Fact]
    public async Task An_unreadable_root_aborts_with_a_report_and_changes_nothing()
    {
        using var wrongDrive = new OneDriveConformanceFixture(options => options.DriveId = "THIS-IS-NOT-A-DRIVE-ID");

        var report = await new ProjectFolderSynchronizer(wrongDrive.ProjectFolders).SynchronizeAsync(Desired(Apollo()), Ct);

        Assert.Equal((ProjectFolderSyncOutcome.Aborted, StorageErrorCode.InvalidRequest), (report.Outcome, report.AbortCode));
        Assert.Contains("Reading the managed root folder failed, so nothing was changed", report.AbortMessage, StringComparison.Ordinal);
        Assert.Empty(wrongDrive.Server.Writes);
    }

    [Fact]
    public async Task A_failing_permission_read_in_the_batch_is_read_again_on_its_own()
    {
        var first = await Synchronizer.SynchronizeAsync(Desired(Apollo()), Ct);
        var throttledOnce = 0;
        Server.Fault = request => request.RequestUri!.AbsolutePath.EndsWith("$batch", StringComparison.Ordinal) && Interlocked.Exchange(ref throttledOnce, 1) == 0
            ? new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent("""{"responses":[{"id":"0","status":503,"body":{"error":{"code":"serviceNotAvailable","message":"busy"}}}]}""", System.Text.Encoding.UTF8, "application/json") }
            : null;

        var second = await Synchronizer.SynchronizeAsync(Desired(Apollo(first.FolderIds["1"])), Ct);

        Assert.True(second.IsSuccess);
        Assert.Empty(second.Steps);
    }

    private static ProjectFolderDesiredState Desired(params ManagedProject[] projects) =>
        new() { Projects = projects, ForbiddenNameCharacters = OneDriveProjectFolderStorage.ForbiddenNameCharacters };

    private static ManagedProject Apollo(FileId? folderId = null) => new()
    {
        ProjectId = "1",
        Name = "Apollo",
        FolderId = folderId,
        Members = [Member("1", AliceOid, StoragePermissions.All), Member("2", BobOid, StoragePermissions.Read)],
    };

    // A name with characters SharePoint refuses (recorded: "[Sample] Project Name | Ehuu" becomes "… _ Ehuu").
    private static ManagedProject Gemini(FileId? folderId = null) => new()
    {
        ProjectId = "2",
        Name = "Gemini: Phase \"2\"",
        FolderId = folderId,
        Members = [Member("2", BobOid, StoragePermissions.Read), Member("3", storageUserId: null, StoragePermissions.All)],
    };

    private static ProjectFolderMember Member(string user, string? storageUserId, StoragePermissions permissions) =>
        new() { User = new HostUserId(user), StorageUserId = storageUserId, Permissions = permissions };

    private static string Tail(string path) => path.Split('/')[^1] is var last && path.Contains("/permissions/", StringComparison.Ordinal) ? "permissions" : last;
}
