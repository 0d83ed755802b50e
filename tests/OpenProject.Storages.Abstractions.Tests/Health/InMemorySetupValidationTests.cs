using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Abstractions.Tests.Health;

public sealed class InMemorySetupValidationTests
{
    private static readonly HostUserId Admin = new("admin");
    private readonly InMemoryFileStorage _storage = new(new StorageId("cloud"), "Nextcloud");

    public InMemorySetupValidationTests() => _storage.AddUser("admin-nc");

    [Fact]
    public async Task A_connected_administrator_sees_every_check_pass()
    {
        _storage.Connect(Admin, "admin-nc");

        var report = await _storage.ValidateSetupAsync(new StorageSetupValidationContext { ActingUser = Admin }, TestContext.Current.CancellationToken);

        Assert.Equal(StorageCheckStatus.Passed, report.Status);
        Assert.Equal([InMemoryFileStorage.StorageReachableCheck, StorageSetupChecks.UserToken, StorageSetupChecks.UserRequest], report.Checks.Select(c => c.Check));
        Assert.All(report.Checks, c => Assert.Equal(StorageCheckStatus.Passed, c.Status));
    }

    [Fact]
    public async Task An_administrator_who_never_logged_in_gets_a_token_warning_and_the_user_request_is_skipped()
    {
        var report = await _storage.ValidateSetupAsync(new StorageSetupValidationContext { ActingUser = Admin }, TestContext.Current.CancellationToken);

        Assert.Equal(StorageCheckStatus.Warning, report.Status);
        Assert.Equal(StorageSetupCodes.TokenMissing, report.Find(StorageSetupChecks.UserToken)!.Code);
        Assert.Contains("Log in to Nextcloud", report.Find(StorageSetupChecks.UserToken)!.Message, StringComparison.Ordinal);
        Assert.Equal(StorageSetupChecks.UserToken, report.Find(StorageSetupChecks.UserRequest)!.SkippedBecause);
    }

    [Fact]
    public async Task A_rejected_user_request_is_an_authentication_failure()
    {
        _storage.Connect(Admin, "admin-nc");
        // The first listing is the technical user's base check; the second, the administrator's, meets the fault.
        _storage.Faults.Inject(StorageOperation.ListFolder, StorageFault.Latency(TimeSpan.Zero), times: 1);
        _storage.Faults.Inject(StorageOperation.ListFolder, StorageFault.Unauthorized, times: 1);

        var report = await _storage.ValidateSetupAsync(new StorageSetupValidationContext { ActingUser = Admin }, TestContext.Current.CancellationToken);

        var request = report.Find(StorageSetupChecks.UserRequest)!;
        Assert.Equal(StorageCheckStatus.Failed, request.Status);
        Assert.Equal(StorageCheckGroup.Authentication, request.Group);
        Assert.Equal(StorageSetupCodes.UserRequestUnauthorized, request.Code);
        Assert.Equal("401", request.Data["httpStatus"]);
    }

    [Fact]
    public async Task Without_an_acting_user_the_authentication_checks_are_skipped_as_not_applicable()
    {
        var report = await _storage.ValidateSetupAsync(new StorageSetupValidationContext(), TestContext.Current.CancellationToken);

        Assert.Equal(StorageCheckStatus.Passed, report.Status);
        Assert.All(report.Checks.Where(c => c.Group == StorageCheckGroup.Authentication), c =>
        {
            Assert.Equal(StorageCheckStatus.Skipped, c.Status);
            Assert.Null(c.SkippedBecause);
        });
    }

    [Theory]
    [InlineData(StorageFaultKind.Unavailable, StorageSetupCodes.HostUnreachable)]
    [InlineData(StorageFaultKind.Timeout, StorageSetupCodes.Timeout)]
    [InlineData(StorageFaultKind.InvalidResponse, StorageSetupCodes.InvalidResponse)]
    [InlineData(StorageFaultKind.Unauthorized, StorageSetupCodes.TechnicalUserUnauthorized)]
    public async Task A_failing_base_check_fails_the_report_and_skips_what_depends_on_it(StorageFaultKind fault, string code)
    {
        _storage.Faults.Inject(StorageOperation.ListFolder, Fault(fault), times: 1);

        var report = await _storage.ValidateSetupAsync(
            new StorageSetupValidationContext { ActingUser = Admin, ManagedProjectFolders = [] },
            TestContext.Current.CancellationToken);

        Assert.Equal(StorageCheckStatus.Failed, report.Status);
        Assert.Equal(code, report.Find(InMemoryFileStorage.StorageReachableCheck)!.Code);
        Assert.All(report.Checks.Skip(1), c =>
        {
            Assert.Equal(StorageCheckStatus.Skipped, c.Status);
            Assert.Equal(InMemoryFileStorage.StorageReachableCheck, c.SkippedBecause);
        });
    }

    [Fact]
    public async Task Unlinked_project_folders_warn_and_missing_ones_fail_naming_the_projects()
    {
        var apollo = _storage.AddFolder(StoragePath.Parse("/OpenProject/Apollo (1)"));
        var gemini = _storage.AddFolder(StoragePath.Parse("/OpenProject/Gemini (2)"));
        _storage.Remove(gemini.Id);
        ManagedProjectFolder[] projects =
        [
            new() { ProjectId = "1", ProjectName = "Apollo", FolderId = apollo.Id },
            new() { ProjectId = "2", ProjectName = "Gemini", FolderId = gemini.Id },
            new() { ProjectId = "3", ProjectName = "Mercury" },
        ];

        var report = await _storage.ValidateSetupAsync(new StorageSetupValidationContext { ManagedProjectFolders = projects }, TestContext.Current.CancellationToken);

        var linked = report.Find(StorageSetupChecks.ProjectFoldersLinked)!;
        var exist = report.Find(StorageSetupChecks.ProjectFoldersExist)!;
        Assert.Equal((StorageCheckStatus.Warning, StorageSetupCodes.ProjectFolderUnlinked), (linked.Status, linked.Code));
        Assert.Contains("Mercury", linked.Message, StringComparison.Ordinal);
        Assert.Equal((StorageCheckStatus.Failed, StorageSetupCodes.ProjectFolderMissing), (exist.Status, exist.Code));
        Assert.Equal("Gemini", exist.Data["projects"]);
        Assert.Equal(StorageCheckGroup.ProjectFolders, exist.Group);
    }

    private static StorageFault Fault(StorageFaultKind kind) => kind switch
    {
        StorageFaultKind.Unavailable => StorageFault.Unavailable,
        StorageFaultKind.Timeout => StorageFault.Timeout,
        StorageFaultKind.InvalidResponse => StorageFault.InvalidResponse,
        _ => StorageFault.Unauthorized,
    };
}
