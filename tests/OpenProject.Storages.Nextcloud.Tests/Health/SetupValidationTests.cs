using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using static OpenProject.Storages.Nextcloud.Tests.StandIn.ScriptedNextcloud;

namespace OpenProject.Storages.Nextcloud.Tests.Health;

public sealed class SetupValidationTests : IDisposable
{
    private static readonly ManagedProjectFolder[] Projects =
    [
        new() { ProjectId = "1", ProjectName = "Apollo", FolderId = new FileId("101") },
        new() { ProjectId = "2", ProjectName = "Gemini", FolderId = new FileId("102") },
    ];

    private static readonly StorageSetupValidationContext AsAdmin = new() { ActingUser = SetupTestHost.Admin, ManagedProjectFolders = Projects };

    private readonly SetupTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_healthy_Nextcloud_passes_every_check_in_the_documented_order()
    {
        await _host.ConnectAdminAsync();

        var report = await _host.ValidateAsync(AsAdmin);

        Assert.True(report.Status == StorageCheckStatus.Passed, string.Join("\n", report.Checks.Select(c => $"{c.Check} {c.Status} {c.Code} {c.Message}")));
        Assert.All(report.Checks, c => Assert.Equal(StorageCheckStatus.Passed, c.Status));
        Assert.Equal(
            [
                NextcloudSetupChecks.Configuration, NextcloudSetupChecks.ServerStatus, NextcloudSetupChecks.Capabilities, NextcloudSetupChecks.IntegrationApp,
                NextcloudSetupChecks.IntegrationAppVersion, NextcloudSetupChecks.AuthorizationHeader, NextcloudSetupChecks.OAuthClient, StorageSetupChecks.UserToken,
                StorageSetupChecks.UserRequest, NextcloudSetupChecks.TeamFoldersApp, NextcloudSetupChecks.TechnicalUser, NextcloudSetupChecks.TeamFolder,
                NextcloudSetupChecks.TeamFolderAcl, StorageSetupChecks.ProjectFoldersLinked, StorageSetupChecks.ProjectFoldersExist, NextcloudSetupChecks.TeamFolderContents,
            ],
            report.Checks.Select(c => c.Check));
        Assert.Equal("27.1.10.0", report.Find(NextcloudSetupChecks.ServerStatus)!.Data["version"]);
        Assert.Equal("2.8.1", report.Find(NextcloudSetupChecks.IntegrationAppVersion)!.Data["version"]);
    }

    [Fact]
    public async Task The_anonymous_probes_ask_for_JSON_send_the_OCS_header_and_carry_no_credentials()
    {
        await _host.ValidateAsync();

        var capabilities = _host.Server.RequestList.First(r => r.RelativePath == "ocs/v2.php/cloud/capabilities");
        Assert.Equal("true", capabilities.Header("OCS-APIRequest"));
        Assert.Equal("format=json", capabilities.Uri.Query.TrimStart('?'));
        Assert.Null(_host.Server.RequestList.First(r => r.RelativePath == "status.php").Header("Authorization"));
        Assert.StartsWith("OpenProjectStoragesHeaderCheck", _host.Server.RequestList.First(r => r.RelativePath.EndsWith("check-config", StringComparison.Ordinal)).Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_host_answering_404_is_HostNotFound_and_every_later_check_names_it()
    {
        _host.Server.On("GET", "status.php", HttpStatusCode.NotFound, SetupResponses.ApacheNotFound, "text/html; charset=iso-8859-1");

        var report = await _host.ValidateAsync(AsAdmin);

        var status = report.Find(NextcloudSetupChecks.ServerStatus)!;
        Assert.Equal((StorageCheckStatus.Failed, StorageSetupCodes.HostNotFound), (status.Status, status.Code));
        Assert.Equal("404", status.Data["httpStatus"]);
        foreach (var name in new[] { NextcloudSetupChecks.Capabilities, NextcloudSetupChecks.IntegrationApp, NextcloudSetupChecks.AuthorizationHeader, StorageSetupChecks.UserRequest, NextcloudSetupChecks.TechnicalUser, NextcloudSetupChecks.TeamFolder, NextcloudSetupChecks.TeamFolderContents })
        {
            var skipped = report.Find(name)!;
            Assert.Equal(StorageCheckStatus.Skipped, skipped.Status);
            Assert.Equal(NextcloudSetupChecks.ServerStatus, skipped.SkippedBecause);
        }
    }

    [Fact]
    public async Task A_host_that_refuses_connections_is_HostUnreachable()
    {
        _host.Server.Fault = _ => new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (cloud.example.com:443)");

        var report = await _host.ValidateAsync();

        Assert.Equal(StorageSetupCodes.HostUnreachable, report.Find(NextcloudSetupChecks.ServerStatus)!.Code);
        Assert.Contains("refused", report.Find(NextcloudSetupChecks.ServerStatus)!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_that_does_not_answer_in_time_is_a_Timeout_not_an_exception()
    {
        _host.Delay = TimeSpan.FromSeconds(30);

        var report = await _host.ValidateAsync();

        Assert.Equal(StorageSetupCodes.Timeout, report.Find(NextcloudSetupChecks.ServerStatus)!.Code);
    }

    [Fact]
    public async Task An_HTML_page_instead_of_the_status_is_HtmlResponse()
    {
        _host.Server.On("GET", "status.php", HttpStatusCode.OK, SetupResponses.LoginPortal, "text/html; charset=utf-8");

        var report = await _host.ValidateAsync();

        Assert.Equal(StorageSetupCodes.HtmlResponse, report.Find(NextcloudSetupChecks.ServerStatus)!.Code);
    }

    [Fact]
    public async Task Another_application_answering_JSON_is_NotNextcloud()
    {
        _host.Server.On("GET", "status.php", _ => Json(HttpStatusCode.OK, """{"status":"UP","components":{"db":{"status":"UP"}}}"""));

        var report = await _host.ValidateAsync();

        Assert.Equal(NextcloudSetupCodes.NotNextcloud, report.Find(NextcloudSetupChecks.ServerStatus)!.Code);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task Maintenance_mode_or_a_pending_upgrade_is_MaintenanceMode(bool maintenance, bool needsDbUpgrade)
    {
        _host.Server.On("GET", "status.php", _ => Json(HttpStatusCode.OK, SetupResponses.Status(maintenance: maintenance, needsDbUpgrade: needsDbUpgrade)));

        var report = await _host.ValidateAsync();

        Assert.Equal(NextcloudSetupCodes.MaintenanceMode, report.Find(NextcloudSetupChecks.ServerStatus)!.Code);
        Assert.Equal(StorageCheckStatus.Skipped, report.Find(NextcloudSetupChecks.Capabilities)!.Status);
    }

    [Fact]
    public async Task A_server_answering_503_to_the_capabilities_is_in_maintenance()
    {
        _host.Server.On("GET", "ocs/v2.php/cloud/capabilities", HttpStatusCode.ServiceUnavailable, """{"ocs":{"meta":{"status":"failure","statuscode":503,"message":""},"data":[]}}""", "application/json; charset=utf-8");

        var report = await _host.ValidateAsync();

        Assert.Equal(NextcloudSetupCodes.MaintenanceMode, report.Find(NextcloudSetupChecks.Capabilities)!.Code);
    }

    [Fact]
    public async Task A_Nextcloud_older_than_the_minimum_is_unsupported()
    {
        _host.Server.On("GET", "status.php", _ => Json(HttpStatusCode.OK, SetupResponses.Status(version: "25.0.13.2")));

        var report = await _host.ValidateAsync();

        var status = report.Find(NextcloudSetupChecks.ServerStatus)!;
        Assert.Equal(NextcloudSetupCodes.NextcloudVersionUnsupported, status.Code);
        Assert.Equal("27.0.0", status.Data["minimum"]);
    }

    [Fact]
    public async Task Malformed_capabilities_are_CapabilitiesMalformed()
    {
        _host.Server.On("GET", "ocs/v2.php/cloud/capabilities", _ => Json(HttpStatusCode.OK, """{"ocs":{"meta":{"status":"ok","statuscode":200,"message":"OK"},"data":{"version":{"major":27"""));

        var report = await _host.ValidateAsync();

        Assert.Equal(NextcloudSetupCodes.CapabilitiesMalformed, report.Find(NextcloudSetupChecks.Capabilities)!.Code);
        Assert.Equal(NextcloudSetupChecks.Capabilities, report.Find(NextcloudSetupChecks.IntegrationApp)!.SkippedBecause);
    }

    [Fact]
    public async Task An_OCS_API_that_is_not_there_is_HostNotFound()
    {
        _host.Server.On("GET", "ocs/v2.php/cloud/capabilities", HttpStatusCode.NotFound, SetupResponses.ApacheNotFound, "text/html");

        var report = await _host.ValidateAsync();

        Assert.Equal(StorageSetupCodes.HostNotFound, report.Find(NextcloudSetupChecks.Capabilities)!.Code);
    }

    [Fact]
    public async Task A_missing_or_disabled_integration_app_is_IntegrationAppMissing_and_its_checks_are_skipped()
    {
        // capabilities_success_app_disabled: the capabilities simply lack the app's block, missing and disabled alike.
        _host.Server.On("GET", "ocs/v2.php/cloud/capabilities", _ => Json(HttpStatusCode.OK, SetupResponses.Capabilities(appVersion: null)));

        var report = await _host.ValidateAsync(AsAdmin);

        Assert.Equal(NextcloudSetupCodes.IntegrationAppMissing, report.Find(NextcloudSetupChecks.IntegrationApp)!.Code);
        Assert.Equal(NextcloudSetupChecks.IntegrationApp, report.Find(NextcloudSetupChecks.IntegrationAppVersion)!.SkippedBecause);
        Assert.Equal(NextcloudSetupChecks.IntegrationApp, report.Find(NextcloudSetupChecks.AuthorizationHeader)!.SkippedBecause);
        Assert.Equal(NextcloudSetupChecks.IntegrationApp, report.Find(NextcloudSetupChecks.TeamFoldersApp)!.SkippedBecause);
        Assert.DoesNotContain(_host.Server.RequestList, r => r.RelativePath.EndsWith("check-config", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_integration_app_below_the_minimum_is_a_warning_and_the_report_is_degraded()
    {
        await _host.ConnectAdminAsync();
        _host.Server.On("GET", "ocs/v2.php/cloud/capabilities", _ => Json(HttpStatusCode.OK, SetupResponses.Capabilities(appVersion: "2.5.1")));

        var report = await _host.ValidateAsync(AsAdmin);
        var health = await _host.CheckHealthAsync();

        var version = report.Find(NextcloudSetupChecks.IntegrationAppVersion)!;
        Assert.Equal((StorageCheckStatus.Warning, NextcloudSetupCodes.IntegrationAppTooOld), (version.Status, version.Code));
        Assert.Equal("2.6.3", version.Data["minimum"]);
        Assert.Equal(StorageCheckStatus.Warning, report.Status);
        Assert.Equal(HealthStatus.Degraded, health.Entries["nc"].Status);
    }

    [Fact]
    public async Task The_minimum_integration_app_version_is_an_option()
    {
        _host.Setup(o => o.MinimumIntegrationAppVersion = new Version(3, 0, 0));

        var report = await _host.ValidateAsync();

        Assert.Equal(NextcloudSetupCodes.IntegrationAppTooOld, report.Find(NextcloudSetupChecks.IntegrationAppVersion)!.Code);
    }

    [Fact]
    public async Task A_two_part_app_version_cannot_be_compared_and_warns()
    {
        // capabilities_invalid_data: app_version "2.6".
        _host.Server.On("GET", "ocs/v2.php/cloud/capabilities", _ => Json(HttpStatusCode.OK, SetupResponses.Capabilities(appVersion: "2.6")));

        var report = await _host.ValidateAsync();

        Assert.Equal(NextcloudSetupCodes.IntegrationAppVersionUnreadable, report.Find(NextcloudSetupChecks.IntegrationAppVersion)!.Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic b3RoZXI6b3RoZXI=")]
    public async Task A_proxy_that_strips_or_changes_the_Authorization_header_is_AuthorizationHeaderStripped(string? echoed)
    {
        _host.Server.On("GET", "index.php/apps/integration_openproject/check-config", _ => Json(HttpStatusCode.OK, SetupResponses.CheckConfig(echoed)));

        var report = await _host.ValidateAsync(AsAdmin);

        var header = report.Find(NextcloudSetupChecks.AuthorizationHeader)!;
        Assert.Equal(NextcloudSetupCodes.AuthorizationHeaderStripped, header.Code);
        Assert.Contains("reverse proxy", header.Message, StringComparison.Ordinal);
        Assert.Equal(NextcloudSetupChecks.AuthorizationHeader, report.Find(NextcloudSetupChecks.TechnicalUser)!.SkippedBecause);
    }

    [Fact]
    public async Task Without_an_OAuth_client_users_cannot_connect()
    {
        _host.Storage(o => o.OAuthClientSecret = null);
        await _host.ConnectAdminAsync();

        var report = await _host.ValidateAsync(AsAdmin);

        Assert.Equal(StorageSetupCodes.OAuthClientNotConfigured, report.Find(NextcloudSetupChecks.OAuthClient)!.Code);
        Assert.Equal(NextcloudSetupChecks.OAuthClient, report.Find(StorageSetupChecks.UserRequest)!.SkippedBecause);
    }

    [Fact]
    public async Task An_administrator_without_a_token_gets_a_warning_and_the_user_request_is_skipped()
    {
        var report = await _host.ValidateAsync(AsAdmin);

        Assert.Equal(StorageSetupCodes.TokenMissing, report.Find(StorageSetupChecks.UserToken)!.Code);
        Assert.Equal(StorageSetupChecks.UserToken, report.Find(StorageSetupChecks.UserRequest)!.SkippedBecause);
    }

    [Fact]
    public async Task A_refused_user_token_is_UserRequestUnauthorized()
    {
        await _host.ConnectAdminAsync();
        _host.Tokens.CanRefresh = false;
        _host.Server.On("GET", r => r == "ocs/v2.php/cloud/user", r => r.Header("Authorization")!.StartsWith("Bearer", StringComparison.Ordinal)
            ? Respond(HttpStatusCode.Unauthorized, SetupResponses.Unauthorised, "text/xml; charset=UTF-8")
            : Json(HttpStatusCode.OK, SetupResponses.CurrentUser("OpenProject")));

        var report = await _host.ValidateAsync(AsAdmin);

        var request = report.Find(StorageSetupChecks.UserRequest)!;
        Assert.Equal((StorageCheckGroup.Authentication, StorageSetupCodes.UserRequestUnauthorized), (request.Group, request.Code));
    }

    [Theory]
    [InlineData("16.0.7", false, NextcloudSetupCodes.TeamFoldersAppDisabled)]
    [InlineData("0", false, NextcloudSetupCodes.TeamFoldersAppMissing)]
    public async Task Team_folders_disabled_or_not_installed_fail_and_skip_the_team_folder(string version, bool enabled, string code)
    {
        // capabilities_success_group_folder_disabled / _not_installed.
        _host.Server.On("GET", "ocs/v2.php/cloud/capabilities", _ => Json(HttpStatusCode.OK, SetupResponses.Capabilities(appVersion: "2.6.3", teamFoldersVersion: version, teamFoldersEnabled: enabled)));

        var report = await _host.ValidateAsync(AsAdmin);

        Assert.Equal(code, report.Find(NextcloudSetupChecks.TeamFoldersApp)!.Code);
        Assert.Equal(NextcloudSetupChecks.TeamFoldersApp, report.Find(NextcloudSetupChecks.TeamFolder)!.SkippedBecause);
    }

    [Fact]
    public async Task An_old_team_folders_app_warns()
    {
        _host.Server.On("GET", "ocs/v2.php/cloud/capabilities", _ => Json(HttpStatusCode.OK, SetupResponses.Capabilities(teamFoldersVersion: "13.1.0")));

        var report = await _host.ValidateAsync();

        Assert.Equal(NextcloudSetupCodes.TeamFoldersAppTooOld, report.Find(NextcloudSetupChecks.TeamFoldersApp)!.Code);
    }

    [Fact]
    public async Task A_wrong_app_password_is_AppPasswordRejected_and_never_shown()
    {
        _host.Storage(o => o.TechnicalUserAppPassword = "revoked-secret");

        var report = await _host.ValidateAsync(AsAdmin);

        var user = report.Find(NextcloudSetupChecks.TechnicalUser)!;
        Assert.Equal(NextcloudSetupCodes.AppPasswordRejected, user.Code);
        Assert.Equal("401", user.Data["httpStatus"]);
        Assert.Equal(NextcloudSetupChecks.TechnicalUser, report.Find(NextcloudSetupChecks.TeamFolder)!.SkippedBecause);
        Assert.All(report.Checks, c =>
        {
            Assert.DoesNotContain("revoked-secret", c.Message, StringComparison.Ordinal);
            Assert.All(c.Data.Values, v => Assert.DoesNotContain("revoked-secret", v, StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task A_missing_app_password_is_AppPasswordMissing()
    {
        _host.Storage(o => o.TechnicalUserAppPassword = null);

        var report = await _host.ValidateAsync();

        Assert.Equal(NextcloudSetupCodes.AppPasswordMissing, report.Find(NextcloudSetupChecks.TechnicalUser)!.Code);
    }

    [Fact]
    public async Task A_missing_team_folder_is_TeamFolderMissing()
    {
        _host.Server.On("PROPFIND", "remote.php/dav/files/OpenProject/OpenProject", HttpStatusCode.NotFound, SetupResponses.TeamFolderNotFound);

        var report = await _host.ValidateAsync(AsAdmin);

        Assert.Equal(NextcloudSetupCodes.TeamFolderMissing, report.Find(NextcloudSetupChecks.TeamFolder)!.Code);
        Assert.Equal(NextcloudSetupChecks.TeamFolder, report.Find(NextcloudSetupChecks.TeamFolderAcl)!.SkippedBecause);
        Assert.Equal(NextcloudSetupChecks.TeamFolder, report.Find(StorageSetupChecks.ProjectFoldersExist)!.SkippedBecause);
    }

    [Fact]
    public async Task An_ordinary_folder_of_that_name_is_not_a_team_folder()
    {
        _host.Server.On("PROPFIND", "remote.php/dav/files/OpenProject/OpenProject", _ => Respond(HttpStatusCode.MultiStatus, SetupResponses.TeamFolder(groupMount: false, aclEnabled: false, aclCanManage: false)));

        var report = await _host.ValidateAsync();

        Assert.Equal(NextcloudSetupCodes.TeamFolderNotATeamFolder, report.Find(NextcloudSetupChecks.TeamFolder)!.Code);
    }

    [Theory]
    [InlineData("<html><body>Maintenance</body></html>")]
    [InlineData("<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>/remote.php/dav/files/OpenProject/OpenProject/</d:href>")]
    public async Task A_team_folder_answer_that_is_no_usable_multistatus_is_an_invalid_response(string body)
    {
        _host.Server.On("PROPFIND", "remote.php/dav/files/OpenProject/OpenProject", _ => Respond(HttpStatusCode.MultiStatus, body));

        var report = await _host.ValidateAsync();

        var teamFolder = report.Find(NextcloudSetupChecks.TeamFolder)!;
        Assert.Equal((StorageCheckStatus.Failed, StorageSetupCodes.InvalidResponse), (teamFolder.Status, teamFolder.Code));
        Assert.Equal(NextcloudSetupChecks.TeamFolder, report.Find(NextcloudSetupChecks.TeamFolderAcl)!.SkippedBecause);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    public async Task A_team_folder_whose_ACL_the_technical_user_cannot_manage_fails(bool aclEnabled, bool aclCanManage)
    {
        _host.Server.On("PROPFIND", "remote.php/dav/files/OpenProject/OpenProject", _ => Respond(HttpStatusCode.MultiStatus, SetupResponses.TeamFolder(aclEnabled: aclEnabled, aclCanManage: aclCanManage)));

        var report = await _host.ValidateAsync();

        Assert.Equal(NextcloudSetupCodes.TeamFolderAclNotManageable, report.Find(NextcloudSetupChecks.TeamFolderAcl)!.Code);
    }

    [Fact]
    public async Task Unlinked_missing_and_unexpected_project_folders_are_named()
    {
        _host.Server.On("PROPFIND", "remote.php/dav/files/OpenProject/OpenProject", _ => Respond(HttpStatusCode.MultiStatus, SetupResponses.TeamFolder(children: [("Apollo (1)", 101), ("Holiday photos", 555), ("notes.txt", 556)])));
        ManagedProjectFolder[] projects = [.. Projects, new() { ProjectId = "3", ProjectName = "Mercury" }];

        var report = await _host.ValidateAsync(new StorageSetupValidationContext { ManagedProjectFolders = projects });

        var linked = report.Find(StorageSetupChecks.ProjectFoldersLinked)!;
        var exist = report.Find(StorageSetupChecks.ProjectFoldersExist)!;
        var contents = report.Find(NextcloudSetupChecks.TeamFolderContents)!;
        Assert.Equal((StorageCheckStatus.Warning, StorageSetupCodes.ProjectFolderUnlinked, "Mercury"), (linked.Status, linked.Code, linked.Data["examples"]));
        Assert.Equal((StorageCheckStatus.Failed, StorageSetupCodes.ProjectFolderMissing, "Gemini"), (exist.Status, exist.Code, exist.Data["examples"]));
        Assert.Equal((StorageCheckStatus.Warning, StorageSetupCodes.UnexpectedFiles, "Holiday photos, notes.txt"), (contents.Status, contents.Code, contents.Data["examples"]));
    }

    [Fact]
    public async Task Without_project_folders_no_project_folder_check_runs()
    {
        _host.Setup(o => o.ProjectFoldersEnabled = false);

        var report = await _host.ValidateAsync();

        Assert.DoesNotContain(report.Checks, c => c.Group == StorageCheckGroup.ProjectFolders);
        Assert.DoesNotContain(_host.Server.RequestList, r => r.Method == "PROPFIND");
    }

    [Fact]
    public async Task A_host_down_makes_the_health_check_unhealthy_with_every_result_as_data()
    {
        _host.Server.Fault = _ => new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known");

        var health = await _host.CheckHealthAsync();

        var entry = health.Entries["nc"];
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Equal(StorageSetupCodes.HostUnreachable, Assert.IsType<StorageCheckResult>(entry.Data[NextcloudSetupChecks.ServerStatus]).Code);
        Assert.Contains("storage", entry.Tags);
    }

    [Fact]
    public async Task A_healthy_server_is_a_healthy_health_check()
    {
        var health = await _host.CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, health.Entries["nc"].Status);
    }
}
