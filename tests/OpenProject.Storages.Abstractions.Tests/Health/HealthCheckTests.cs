using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NSubstitute;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Abstractions.Tests.Health;

public sealed class HealthCheckTests
{
    private static readonly HostUserId Admin = new("admin");

    [Theory]
    [InlineData(StorageCheckStatus.Passed, HealthStatus.Healthy)]
    [InlineData(StorageCheckStatus.Warning, HealthStatus.Degraded)]
    [InlineData(StorageCheckStatus.Failed, HealthStatus.Unhealthy)]
    public void A_report_maps_failure_to_unhealthy_and_warning_to_degraded(StorageCheckStatus status, HealthStatus expected)
    {
        var report = ReportWith(status);

        var result = StorageSetupHealthCheck.ToHealthCheckResult(report);

        Assert.Equal(expected, result.Status);
        Assert.Same(report.Checks[0], result.Data["Capabilities"]);
    }

    [Fact]
    public void The_description_names_each_problem_by_check_and_code()
    {
        var result = StorageSetupHealthCheck.ToHealthCheckResult(ReportWith(StorageCheckStatus.Failed));

        Assert.Equal("The storage 'cloud' has 1 setup problem(s): Capabilities: HostNotFound.", result.Description);
    }

    [Fact]
    public async Task A_registered_check_reports_through_the_health_check_service()
    {
        var storage = new InMemoryFileStorage(new StorageId("cloud"), "Nextcloud");
        storage.AddUser("admin-nc");
        await using var provider = Services(storage, (_, _) => Task.FromResult(new StorageSetupValidationContext { ActingUser = Admin }));

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);

        var entry = report.Entries["cloud"];
        Assert.Equal(HealthStatus.Degraded, entry.Status);
        var token = Assert.IsType<StorageCheckResult>(entry.Data[StorageSetupChecks.UserToken]);
        Assert.Equal(StorageSetupCodes.TokenMissing, token.Code);
    }

    [Fact]
    public async Task A_failed_setup_takes_the_registrations_failure_status()
    {
        var storage = new InMemoryFileStorage(new StorageId("cloud"));
        storage.Faults.InjectAlways(StorageOperation.ListFolder, StorageFault.Unavailable);
        await using var provider = Services(storage, context: null, failureStatus: HealthStatus.Degraded);

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Degraded, report.Entries["cloud"].Status);
        Assert.Contains(StorageSetupCodes.HostUnreachable, report.Entries["cloud"].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_storage_without_a_validator_is_unhealthy_with_a_clear_reason()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOpenProjectStorages();
        services.AddHealthChecks().Add(StorageSetupHealthCheck.CreateRegistration("missing"));
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Unhealthy, report.Entries["missing"].Status);
        Assert.Contains("No storage with the id 'missing'", report.Entries["missing"].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_keyed_validator_wins_over_the_storage()
    {
        var storage = new InMemoryFileStorage(new StorageId("cloud"));
        var validator = Substitute.For<IStorageSetupValidator>();
        var expected = ReportWith(StorageCheckStatus.Warning);
        validator.ValidateSetupAsync(Arg.Any<StorageSetupValidationContext>(), Arg.Any<CancellationToken>()).Returns(expected);
        var services = new ServiceCollection();
        services.AddOpenProjectStorages().AddInMemoryStorage(storage);
        services.AddKeyedSingleton("cloud", validator);
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<StorageSetupValidation>().ValidateAsync(storage.Id, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Same(expected, report);
    }

    [Fact]
    public async Task A_storage_that_cannot_validate_its_setup_says_so()
    {
        var other = Substitute.For<IFileStorage>();
        other.Id.Returns(new StorageId("other"));
        var services = new ServiceCollection();
        services.AddOpenProjectStorages();
        services.AddSingleton(other);
        await using var provider = services.BuildServiceProvider();
        var validation = provider.GetRequiredService<StorageSetupValidation>();

        var error = await Assert.ThrowsAsync<StorageException>(() => validation.ValidateAsync(new StorageId("other"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(StorageErrorCode.NotSupported, error.Code);
        Assert.False(validation.CanValidate(new StorageId("other")));
    }

    private static ServiceProvider Services(InMemoryFileStorage storage, Func<IServiceProvider, CancellationToken, Task<StorageSetupValidationContext>>? context, HealthStatus? failureStatus = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOpenProjectStorages().AddInMemoryStorage(storage);
        services.AddHealthChecks().Add(StorageSetupHealthCheck.CreateRegistration(storage.Id.Value, context: context, failureStatus: failureStatus));
        return services.BuildServiceProvider();
    }

    private static StorageSetupReport ReportWith(StorageCheckStatus status) => new()
    {
        Storage = new StorageId("cloud"),
        CheckedAt = DateTimeOffset.UnixEpoch,
        Checks =
        [
            status switch
            {
                StorageCheckStatus.Failed => StorageCheckResult.Fail("Capabilities", StorageCheckGroup.Base, StorageSetupCodes.HostNotFound, "Check the host name."),
                StorageCheckStatus.Warning => StorageCheckResult.Warn("Capabilities", StorageCheckGroup.Base, "AppTooOld", "Update the app."),
                _ => StorageCheckResult.Pass("Capabilities", StorageCheckGroup.Base, "Nextcloud answers."),
            },
        ],
    };
}
