using System.Net;
using System.Text;
using OpenProject.Storages.Nextcloud.Tests.StandIn;
using OpenProject.Storages.ProjectFolders;

namespace OpenProject.Storages.Nextcloud.Tests.ProjectFolders;

public sealed class NextcloudProjectFolderTests : IDisposable
{
    private readonly ProjectFolderHost _host = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task The_root_is_read_with_one_depth_1_propfind_of_ids_and_acls_as_the_technical_user()
    {
        _host.Server.Override = request => request.Method == "PROPFIND"
            ? TeamFolderStandIn.MultiStatus(
                TeamFolderStandIn.Response("/remote.php/dav/files/OpenProject/OpenProject/", "62", collection: true, [])
                + TeamFolderStandIn.Response("/remote.php/dav/files/OpenProject/OpenProject/Demo%20project%20(1)/", "65", collection: true, [FolderAccessRule.ForGroup("OpenProject", StoragePermissions.None), FolderAccessRule.ForUser("OpenProject", StoragePermissions.All), FolderAccessRule.ForUser("bob", StoragePermissions.Read)])
                + TeamFolderStandIn.Response("/remote.php/dav/files/OpenProject/OpenProject/%5bdev%5d%20Empty%20(3)/", "181", collection: true, [])
                + TeamFolderStandIn.Response("/remote.php/dav/files/OpenProject/OpenProject/readme.md", "70", collection: false, []))
            : null;

        var state = await _host.Storage.ReadManagedRootAsync(Token);

        Assert.Equal(new FileId("62"), state.RootId);
        Assert.Empty(state.RootAccessRules);
        Assert.Equal(["Demo project (1)", "[dev] Empty (3)"], state.Folders.Select(folder => folder.Name));
        Assert.Contains(FolderAccessRule.ForUser("bob", StoragePermissions.Read), state.Folders[0].AccessRules);
        var request = Assert.Single(_host.Server.Requests);
        Assert.Equal("PROPFIND", request.Method);
        Assert.Equal("remote.php/dav/files/OpenProject/OpenProject", request.RelativePath);
        Assert.Equal("1", request.Header("Depth"));
        Assert.Contains("<oc:fileid/>", request.BodyText, StringComparison.Ordinal);
        Assert.Contains("<nc:acl-list/>", request.BodyText, StringComparison.Ordinal);
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("OpenProject:" + ProjectFolderHost.TechnicalPassword));
        Assert.Equal("Basic " + basic, request.Header("Authorization"));
    }

    [Fact]
    public async Task A_first_sync_over_http_sets_the_root_creates_the_folder_grants_and_fills_the_group()
    {
        var report = await _host.Synchronizer.SynchronizeAsync(ProjectFolderHost.Desired(ProjectFolderHost.Apollo()), Token);

        Assert.Equal(ProjectFolderSyncOutcome.Succeeded, report.Outcome);
        var folder = _host.Model.FindFolder(report.FolderIds["1"])!;
        Assert.Equal("Demo project (1)", folder.Name);
        Assert.Contains(FolderAccessRule.ForUser("alice", StoragePermissions.All), folder.AccessRules);
        Assert.Contains(FolderAccessRule.ForUser("bob", StoragePermissions.Read), folder.AccessRules);
        Assert.Contains(FolderAccessRule.ForGroup("OpenProject", StoragePermissions.Read), _host.Model.RootAccessRules);
        Assert.Equal(["OpenProject", "alice", "bob"], _host.Model.MembersOf("OpenProject"));

        var mkcol = Assert.Single(_host.Server.Requests, request => request.Method == "MKCOL");
        Assert.Equal("remote.php/dav/files/OpenProject/OpenProject/Demo%20project%20%281%29", mkcol.RelativePath);
        var proppatch = _host.Server.Requests.Last(request => request.Method == "PROPPATCH");
        Assert.Contains("<nc:acl-mapping-type>user</nc:acl-mapping-type><nc:acl-mapping-id>bob</nc:acl-mapping-id><nc:acl-mask>31</nc:acl-mask><nc:acl-permissions>1</nc:acl-permissions>", proppatch.BodyText, StringComparison.Ordinal);
        Assert.Contains("<nc:acl-mapping-type>group</nc:acl-mapping-type><nc:acl-mapping-id>OpenProject</nc:acl-mapping-id><nc:acl-mask>31</nc:acl-mask><nc:acl-permissions>0</nc:acl-permissions>", proppatch.BodyText, StringComparison.Ordinal);
        // Group additions run in parallel lanes, so bob's may be sent first.
        var add = Assert.Single(_host.Server.Requests, request => request.Method == "POST" && request.RelativePath.Contains("/alice/", StringComparison.Ordinal));
        Assert.Equal("ocs/v1.php/cloud/users/alice/groups", add.RelativePath);
        Assert.Equal("groupid=OpenProject", add.BodyText);
        Assert.Equal("true", add.Header("OCS-APIRequest"));
    }

    [Fact]
    public async Task A_no_op_rerun_over_http_sends_two_reads_and_no_write()
    {
        var first = await _host.Synchronizer.SynchronizeAsync(ProjectFolderHost.Desired(ProjectFolderHost.Apollo()), Token);
        _host.Server.Requests.Clear();

        var report = await _host.Synchronizer.SynchronizeAsync(ProjectFolderHost.Desired(ProjectFolderHost.Apollo(first.FolderIds["1"])), Token);

        Assert.Equal(ProjectFolderSyncOutcome.Succeeded, report.Outcome);
        Assert.Empty(_host.Server.Writes);
        Assert.Equal(["PROPFIND", "GET"], _host.Server.Requests.Select(request => request.Method));
    }

    [Fact]
    public async Task A_renamed_project_is_a_MOVE_that_never_overwrites()
    {
        var first = await _host.Synchronizer.SynchronizeAsync(ProjectFolderHost.Desired(ProjectFolderHost.Apollo()), Token);
        _host.Server.Requests.Clear();

        var report = await _host.Synchronizer.SynchronizeAsync(ProjectFolderHost.Desired(ProjectFolderHost.Apollo(first.FolderIds["1"], "Demo / Ümlaut")), Token);

        Assert.Equal(ProjectFolderSyncOutcome.Succeeded, report.Outcome);
        var move = Assert.Single(_host.Server.Writes);
        Assert.Equal("MOVE", move.Method);
        Assert.Equal("F", move.Header("Overwrite"));
        Assert.Equal("https://cloud.example.com/remote.php/dav/files/OpenProject/OpenProject/Demo%20%7C%20%C3%9Cmlaut%20%281%29", move.Header("Destination"));
        Assert.Equal("Demo | Ümlaut (1)", _host.Model.FindFolder(first.FolderIds["1"])!.Name);
    }

    [Fact]
    public async Task An_acl_write_nextcloud_answers_with_200_but_ignores_is_a_failed_step()
    {
        var first = await _host.Synchronizer.SynchronizeAsync(ProjectFolderHost.Desired(ProjectFolderHost.Apollo()), Token);
        _host.Model.CanManageAccessRules = false;
        var withoutBob = ProjectFolderHost.Apollo(first.FolderIds["1"]) with { Members = [ProjectFolderHost.Apollo().Members[0]] };

        var report = await _host.Synchronizer.SynchronizeAsync(ProjectFolderHost.Desired(withoutBob), Token);

        var failure = Assert.Single(report.Failures, result => result.Step.Kind == ProjectFolderStepKind.SetPermissions);
        Assert.Equal(ProjectFolderErrorCodes.AccessRulesNotApplied, failure.ErrorCode);
        Assert.Contains("user bob: Read", failure.Detail, StringComparison.Ordinal);
        Assert.Contains(_host.Server.Requests, request => request.Method == "PROPPATCH" && request.RelativePath.EndsWith("%281%29", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(101, "NoGroupSpecified")]
    [InlineData(102, "GroupNotFound")]
    [InlineData(103, "UserNotFound")]
    [InlineData(104, "InsufficientPrivileges")]
    [InlineData(105, "GroupMembershipRefused")]
    [InlineData(997, "Unauthorized")]
    public async Task Provisioning_codes_become_distinct_errors(int ocsCode, string expected)
    {
        _host.Server.Override = request => request.Method is "POST" or "DELETE" ? ScriptedNextcloud.Json(HttpStatusCode.OK, TeamFolderStandIn.Ocs(ocsCode)) : null;

        var add = await Assert.ThrowsAsync<StorageException>(() => _host.Groups.AddGroupMemberAsync("OpenProject", "m.jade@death.star", Token));
        var remove = await Assert.ThrowsAsync<StorageException>(() => _host.Groups.RemoveGroupMemberAsync("Sith Assassins", "m.jade@death.star", Token));

        Assert.Equal(new StorageErrorCode(expected), add.Code);
        Assert.Equal(new StorageErrorCode(expected), remove.Code);
        var delete = _host.Server.Requests.Last();
        Assert.Equal("ocs/v1.php/cloud/users/m.jade%40death.star/groups", delete.RelativePath);
        Assert.Equal("?groupid=Sith%20Assassins", delete.Uri.Query);
    }

    [Fact]
    public async Task An_OCS_v2_style_400_with_code_104_is_insufficient_privileges()
    {
        _host.Server.Override = request => request.Method == "POST"
            ? ScriptedNextcloud.Json(HttpStatusCode.BadRequest, """{"ocs":{"meta":{"status":"failure","statuscode":104,"message":""},"data":[]}}""")
            : null;

        var error = await Assert.ThrowsAsync<StorageException>(() => _host.Groups.AddGroupMemberAsync("project-team", "alice", Token));

        Assert.Equal(ProjectFolderErrorCodes.InsufficientPrivileges, error.Code);
        Assert.Equal(400, error.HttpStatus);
    }

    [Fact]
    public async Task Listing_a_missing_group_is_group_not_found_and_the_sync_reports_it()
    {
        _host.Model.RemoveGroup("OpenProject");

        var report = await _host.Synchronizer.SynchronizeAsync(ProjectFolderHost.Desired(ProjectFolderHost.Apollo()), Token);

        var failure = Assert.Single(report.Failures);
        Assert.Equal(ProjectFolderStepKind.ReadGroupMembers, failure.Step.Kind);
        Assert.Equal(ProjectFolderErrorCodes.GroupNotFound, failure.ErrorCode);
        Assert.Contains("group OpenProject does not exist", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_missing_in_nextcloud_is_reported_on_its_membership_step()
    {
        _host.Model.RemoveUser("bob");

        var report = await _host.Synchronizer.SynchronizeAsync(ProjectFolderHost.Desired(ProjectFolderHost.Apollo()), Token);

        var failure = Assert.Single(report.Failures);
        Assert.Equal(ProjectFolderErrorCodes.UserNotFound, failure.ErrorCode);
        Assert.Contains("user bob does not exist", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_401_on_the_root_read_aborts_the_sync_with_a_clear_message()
    {
        _host.Server.Override = request => request.Method == "PROPFIND"
            ? ScriptedNextcloud.Respond(HttpStatusCode.Unauthorized, TeamFolderStandIn.Sabre("NotAuthenticated", "Internal Server Error"))
            : null;

        var report = await _host.Synchronizer.SynchronizeAsync(ProjectFolderHost.Desired(ProjectFolderHost.Apollo()), Token);

        Assert.Equal(ProjectFolderSyncOutcome.Aborted, report.Outcome);
        Assert.Equal(StorageErrorCode.Unauthorized, report.AbortCode);
        Assert.Contains("app password", report.AbortMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(ProjectFolderHost.TechnicalPassword, report.AbortMessage, StringComparison.Ordinal);
        Assert.Empty(_host.Server.Writes);
    }

    [Fact]
    public async Task A_PROPPATCH_whose_acl_list_is_refused_in_the_multistatus_is_forbidden()
    {
        _host.Server.Override = request => request.Method == "PROPPATCH"
            ? TeamFolderStandIn.MultiStatus("<d:response><d:href>/remote.php/dav/files/OpenProject/OpenProject</d:href><d:propstat><d:prop><nc:acl-list/></d:prop><d:status>HTTP/1.1 403 Forbidden</d:status></d:propstat></d:response>")
            : null;

        var error = await Assert.ThrowsAsync<StorageException>(() => _host.Storage.SetAccessRulesAsync(_host.Model.RootId, StoragePath.Root, [FolderAccessRule.ForUser("OpenProject", StoragePermissions.All)], Token));

        Assert.Equal(StorageErrorCode.Forbidden, error.Code);
    }

    [Fact]
    public async Task MKCOL_on_an_existing_name_and_MOVE_onto_one_are_conflicts()
    {
        var taken = _host.Model.AddFolder("Taken (1)");
        var other = _host.Model.AddFolder("Other (2)");

        var create = await Assert.ThrowsAsync<StorageException>(() => _host.Storage.CreateFolderAsync("Taken (1)", Token));
        var rename = await Assert.ThrowsAsync<StorageException>(() => _host.Storage.RenameFolderAsync(other.Id, other.Name, taken.Name, Token));

        Assert.Equal((StorageErrorCode.Conflict, 405), (create.Code, create.HttpStatus));
        Assert.Equal((StorageErrorCode.Conflict, 412), (rename.Code, rename.HttpStatus));
    }

    [Fact]
    public async Task The_new_folder_id_is_read_from_OC_FileId()
    {
        _host.Server.Override = request => request.Method == "MKCOL"
            ? ScriptedNextcloud.Respond(HttpStatusCode.Created, string.Empty, "text/html; charset=UTF-8", ("OC-FileId", "00000378ockcsp661qa4"))
            : null;

        var folder = await _host.Storage.CreateFolderAsync("Földer CreatedBy Çommand", Token);

        Assert.Equal(new FileId("378"), folder.Id);
    }

    [Fact]
    public async Task An_html_page_instead_of_a_multistatus_is_an_invalid_response()
    {
        _host.Server.Override = request => request.Method == "PROPFIND"
            ? ScriptedNextcloud.Respond((HttpStatusCode)207, "<html><body>Maintenance</body></html>", "text/html")
            : null;

        var error = await Assert.ThrowsAsync<StorageException>(() => _host.Storage.ReadManagedRootAsync(Token));

        Assert.Equal(StorageErrorCode.InvalidResponse, error.Code);
    }

    [Fact]
    public async Task Reading_back_a_folder_that_now_has_another_id_is_not_found()
    {
        var folder = _host.Model.AddFolder("Demo project (1)");

        var error = await Assert.ThrowsAsync<StorageException>(() => _host.Storage.GetAccessRulesAsync(new FileId("999"), StoragePath.Root.Combine(folder.Name), Token));

        Assert.Equal(StorageErrorCode.NotFound, error.Code);
    }
}
