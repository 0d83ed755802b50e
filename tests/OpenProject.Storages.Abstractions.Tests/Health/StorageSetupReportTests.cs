namespace OpenProject.Storages.Abstractions.Tests.Health;

public sealed class StorageSetupReportTests
{
    private static readonly StorageCheckResult Passed = StorageCheckResult.Pass("Status", StorageCheckGroup.Base, "Nextcloud answers.");
    private static readonly StorageCheckResult Warned = StorageCheckResult.Warn("AppVersion", StorageCheckGroup.Base, "AppTooOld", "Update the app.");
    private static readonly StorageCheckResult Failed = StorageCheckResult.Fail("Capabilities", StorageCheckGroup.Base, "HostNotFound", "Check the host name.");

    [Fact]
    public void A_failed_check_makes_the_whole_report_failed_even_beside_warnings() =>
        Assert.Equal(StorageCheckStatus.Failed, Report(Passed, Warned, Failed).Status);

    [Fact]
    public void Warnings_without_failures_make_the_report_a_warning() =>
        Assert.Equal(StorageCheckStatus.Warning, Report(Passed, Warned).Status);

    [Fact]
    public void Skipped_checks_do_not_count_towards_the_overall_status() =>
        Assert.Equal(StorageCheckStatus.Passed, Report(Passed, StorageCheckResult.Skip("UserToken", StorageCheckGroup.Authentication, "No acting user.")).Status);

    [Fact]
    public void A_check_skipped_because_of_an_earlier_failure_names_that_check_and_its_code()
    {
        var skipped = StorageCheckResult.Skip("IntegrationApp", StorageCheckGroup.Base, Failed);

        Assert.Equal(StorageCheckStatus.Skipped, skipped.Status);
        Assert.Equal("Capabilities", skipped.SkippedBecause);
        Assert.Null(skipped.Code);
        Assert.Contains("Capabilities (HostNotFound)", skipped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_check_skipped_because_it_does_not_apply_names_no_earlier_check()
    {
        var skipped = StorageCheckResult.Skip("UserToken", StorageCheckGroup.Authentication, "No acting user was given.");

        Assert.Null(skipped.SkippedBecause);
        Assert.Equal("No acting user was given.", skipped.Message);
    }

    [Fact]
    public void Warnings_and_failures_need_a_code()
    {
        Assert.Throws<ArgumentException>(() => StorageCheckResult.Warn("AppVersion", StorageCheckGroup.Base, " ", "Update the app."));
        Assert.Throws<ArgumentException>(() => StorageCheckResult.Fail("AppVersion", StorageCheckGroup.Base, "", "Update the app."));
    }

    [Fact]
    public void Checks_are_found_by_name_and_carry_their_data()
    {
        var withData = StorageCheckResult.Warn("AppVersion", StorageCheckGroup.Base, "AppTooOld", "Update the app.", new Dictionary<string, string> { ["found"] = "2.5.0" });

        var report = Report(Passed, withData);

        Assert.Equal("2.5.0", report.Find("AppVersion")!.Data["found"]);
        Assert.Empty(report.Find("Status")!.Data);
        Assert.Null(report.Find("Nope"));
    }

    private static StorageSetupReport Report(params StorageCheckResult[] checks) =>
        new() { Storage = new StorageId("cloud"), CheckedAt = DateTimeOffset.UnixEpoch, Checks = checks };
}
