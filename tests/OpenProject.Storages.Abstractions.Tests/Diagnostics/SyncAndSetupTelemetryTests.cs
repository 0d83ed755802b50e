using Microsoft.Extensions.DependencyInjection;
using OpenProject.Storages.Abstractions.Tests.ProjectFolders;
using OpenProject.Storages.ProjectFolders;
using OpenProject.Storages.Testing;
using OpenProject.Storages.Tests;

namespace OpenProject.Storages.Abstractions.Tests.Diagnostics;

/// <summary>A project folder sync and a setup validation are spans with their outcome; a sync counts its writes.</summary>
public sealed class SyncAndSetupTelemetryTests
{
    private static readonly StorageId Nextcloud = new("nextcloud");
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_sync_is_a_span_with_its_outcome_and_counts_its_write_requests()
    {
        var world = new FolderWorld();
        var synchronizer = new ProjectFolderSynchronizer(world.Storage, new ProjectFolderSyncOptions { StateStore = new InMemoryProjectFolderStateStore(), StorageId = Nextcloud });
        using var telemetry = new TelemetryCapture();

        var report = await synchronizer.SynchronizeAsync(world.Desired(), _ct);

        var sync = Assert.Single(telemetry.Spans, span => span.OperationName == "project_folder_sync");
        Assert.Equal("nextcloud", sync.GetTagItem(StorageTelemetry.StorageTag));
        Assert.Equal(nameof(ProjectFolderSyncOutcome.Succeeded), sync.GetTagItem(StorageTelemetry.SyncOutcomeTag));
        Assert.True(report.WriteRequests > 0);
        Assert.Equal(report.WriteRequests, telemetry.Sum(StorageTelemetry.ProjectFolderWritesInstrument, (StorageTelemetry.StorageTag, "nextcloud")));
        Assert.All(sync.TagObjects, tag => Assert.DoesNotContain("Apollo", tag.Value?.ToString() ?? string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_setup_validation_is_a_span_with_the_report_status()
    {
        var storage = new InMemoryFileStorage(new StorageId("setup-" + Guid.NewGuid().ToString("N")));
        var services = new ServiceCollection();
        services.AddOpenProjectStorages().AddInMemoryStorage(storage);
        await using var provider = services.BuildServiceProvider();
        using var telemetry = new TelemetryCapture();

        var report = await provider.GetRequiredService<StorageSetupValidation>().ValidateAsync(storage.Id, cancellationToken: _ct);

        var validation = Assert.Single(telemetry.Spans, span => span.OperationName == "setup_validation");
        Assert.Equal(storage.Id.Value, validation.GetTagItem(StorageTelemetry.StorageTag));
        Assert.Equal(report.Status.ToString(), validation.GetTagItem(StorageTelemetry.SetupStatusTag));
    }
}
