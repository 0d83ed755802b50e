using OpenProject.Storages.OneDrive.Tests.Conformance;
using OpenProject.Storages.OneDrive.Tests.StandIn;

namespace OpenProject.Storages.OneDrive.Tests.Health;

/// <summary>The OneDrive setup checks against the stand-in's Entra ID and Graph, with the recorded failures of each setting.</summary>
public sealed class SetupValidationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_correct_setup_passes_every_check_and_leaves_no_test_folder()
    {
        using var fixture = new OneDriveConformanceFixture(Configured());
        var managed = fixture.Server.AddFolder(StoragePath.Parse("/Apollo (1)"));
        var context = new StorageSetupValidationContext
        {
            ActingUser = new HostUserId("1"),
            ManagedProjectFolders = [new ManagedProjectFolder { ProjectId = "1", ProjectName = "Apollo", FolderId = new FileId(managed.Id) }],
        };

        var report = await fixture.OneDrive.ValidateSetupAsync(context, Ct);

        Assert.Equal(StorageCheckStatus.Passed, report.Status);
        Assert.Equal(
            [OneDriveSetupChecks.Configuration, OneDriveSetupChecks.ClientCredentials, OneDriveSetupChecks.Drive, OneDriveSetupChecks.FolderWriteTest, StorageSetupChecks.ProjectFoldersLinked, StorageSetupChecks.ProjectFoldersExist, OneDriveSetupChecks.DriveContents, StorageSetupChecks.UserToken, StorageSetupChecks.UserRequest],
            report.Checks.Select(check => check.Check));
        Assert.All(report.Checks, check => Assert.Equal(StorageCheckStatus.Passed, check.Status));
        Assert.Null(fixture.Server.Find(StoragePath.Root.Combine(OneDriveFileStorage.ValidationFolderName)));
    }

    [Theory]
    [InlineData("TenantId", "itdoesnotexists9000.sharepoint.com", OneDriveSetupChecks.ClientCredentials, OneDriveSetupCodes.TenantInvalid)]
    [InlineData("TenantId", "wrong", OneDriveSetupChecks.ClientCredentials, OneDriveSetupCodes.TenantInvalid)]
    [InlineData("ClientId", "00000000-0000-0000-0000-000000000000", OneDriveSetupChecks.ClientCredentials, OneDriveSetupCodes.ClientIdInvalid)]
    [InlineData("ClientSecret", "expired~secret", OneDriveSetupChecks.ClientCredentials, OneDriveSetupCodes.ClientSecretInvalid)]
    [InlineData("DriveId", "not-a-drive-id-at-all", OneDriveSetupChecks.Drive, OneDriveSetupCodes.DriveIdInvalid)]
    [InlineData("DriveId", "b!dmVLG22QlE2PSW0AqVB7UOhZ8n7tjkVGkgqLNnuw2OBb-brzKzZAR4DYT1k9KPX0", OneDriveSetupChecks.Drive, OneDriveSetupCodes.DriveNotFound)]
    public async Task A_wrong_setting_fails_its_check_with_its_code_and_skips_what_depends_on_it(string setting, string value, string check, string code)
    {
        using var fixture = new OneDriveConformanceFixture(options =>
        {
            Configured()(options);
            switch (setting)
            {
                case "TenantId": options.TenantId = value; break;
                case "ClientId": options.ClientId = value; break;
                case "ClientSecret": options.ClientSecret = value; break;
                default: options.DriveId = value; break;
            }
        });

        var report = await fixture.OneDrive.ValidateSetupAsync(new StorageSetupValidationContext(), Ct);

        var failed = report.Find(check)!;
        Assert.Equal((StorageCheckStatus.Failed, code), (failed.Status, failed.Code));
        Assert.Equal(StorageCheckStatus.Skipped, report.Find(OneDriveSetupChecks.FolderWriteTest)!.Status);
        Assert.DoesNotContain(StatefulGraph.ClientSecret, string.Concat(report.Checks.Select(result => result.Message)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_settings_fail_the_configuration_without_a_request()
    {
        using var fixture = new OneDriveConformanceFixture(options => (options.TenantId, options.ClientId, options.ClientSecret) = (null, null, null));

        var report = await fixture.OneDrive.ValidateSetupAsync(new StorageSetupValidationContext(), Ct);

        Assert.Equal(StorageSetupCodes.NotConfigured, report.Find(OneDriveSetupChecks.Configuration)!.Code);
        Assert.Equal(0, fixture.Server.TokenRequests);
    }

    [Fact]
    public async Task Unexpected_items_in_the_root_and_a_left_over_test_folder_are_warnings()
    {
        using var fixture = new OneDriveConformanceFixture(Configured());
        fixture.Server.AddFile(StoragePath.Parse("/stray.txt"), "x"u8);
        fixture.Server.AddFolder(StoragePath.Root.Combine(OneDriveFileStorage.ValidationFolderName));

        var report = await fixture.OneDrive.ValidateSetupAsync(new StorageSetupValidationContext { ManagedProjectFolders = [] }, Ct);

        Assert.Equal(StorageCheckStatus.Warning, report.Status);
        Assert.Equal(OneDriveSetupCodes.TestFolderExists, report.Find(OneDriveSetupChecks.FolderWriteTest)!.Code);
        Assert.Equal(StorageSetupCodes.UnexpectedFiles, report.Find(OneDriveSetupChecks.DriveContents)!.Code);
        Assert.NotNull(fixture.Server.Find(StoragePath.Root.Combine(OneDriveFileStorage.ValidationFolderName)));
    }

    [Fact]
    public async Task A_project_without_a_folder_is_a_warning_and_a_linked_folder_gone_from_the_root_is_a_failure()
    {
        using var fixture = new OneDriveConformanceFixture(Configured());
        var apollo = fixture.Server.AddFolder(StoragePath.Parse("/Apollo (1)"));
        var gemini = fixture.Server.AddFolder(StoragePath.Parse("/Gemini (2)"));
        fixture.Server.Remove(gemini.Path);
        var context = new StorageSetupValidationContext
        {
            ManagedProjectFolders =
            [
                new ManagedProjectFolder { ProjectId = "1", ProjectName = "Apollo", FolderId = new FileId(apollo.Id) },
                new ManagedProjectFolder { ProjectId = "2", ProjectName = "Gemini", FolderId = new FileId(gemini.Id) },
                new ManagedProjectFolder { ProjectId = "3", ProjectName = "Mercury" },
            ],
        };

        var report = await fixture.OneDrive.ValidateSetupAsync(context, Ct);

        var linked = report.Find(StorageSetupChecks.ProjectFoldersLinked)!;
        Assert.Equal((StorageCheckStatus.Warning, StorageSetupCodes.ProjectFolderUnlinked), (linked.Status, linked.Code));
        Assert.Contains("Mercury", linked.Message, StringComparison.Ordinal);
        var exist = report.Find(StorageSetupChecks.ProjectFoldersExist)!;
        Assert.Equal((StorageCheckStatus.Failed, StorageSetupCodes.ProjectFolderMissing), (exist.Status, exist.Code));
        Assert.Contains("Gemini", exist.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Apollo", exist.Message, StringComparison.Ordinal);
        Assert.Equal(StorageCheckStatus.Passed, report.Find(OneDriveSetupChecks.DriveContents)!.Status);
    }

    [Fact]
    public async Task Without_a_list_of_project_folders_the_project_folder_checks_are_skipped()
    {
        using var fixture = new OneDriveConformanceFixture(Configured());

        var report = await fixture.OneDrive.ValidateSetupAsync(new StorageSetupValidationContext(), Ct);

        Assert.Equal(StorageCheckStatus.Skipped, report.Find(StorageSetupChecks.ProjectFoldersLinked)!.Status);
        Assert.Equal(StorageCheckStatus.Skipped, report.Find(StorageSetupChecks.ProjectFoldersExist)!.Status);
    }

    [Fact]
    public async Task An_acting_user_without_a_usable_token_is_asked_to_log_in()
    {
        using var fixture = new OneDriveConformanceFixture(Configured());

        var report = await fixture.OneDrive.ValidateSetupAsync(new StorageSetupValidationContext { ActingUser = new HostUserId("3") }, Ct);

        Assert.Equal(StorageSetupCodes.TokenMissing, report.Find(StorageSetupChecks.UserToken)!.Code);
        Assert.Equal(StorageCheckStatus.Skipped, report.Find(StorageSetupChecks.UserRequest)!.Status);
    }

    private static Action<OneDriveStorageOptions> Configured() => options =>
    {
        options.TenantId = StatefulGraph.TenantId;
        options.ClientId = StatefulGraph.ClientId;
        options.ClientSecret = StatefulGraph.ClientSecret;
    };
}
