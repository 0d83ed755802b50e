using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Abstractions.Tests.Diagnostics;

/// <summary>Every operation of <see cref="FileLinkService"/> is a span and a duration; the Files tab counts its links by status.</summary>
public sealed class TelemetryTests
{
    private static readonly HostUserId Alice = new("alice");
    private static readonly ContainerRef WorkPackage = ContainerRef.WorkPackage("42");
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    // Listeners are process-wide and tests run in parallel: each test looks only at its own storage.
    private readonly StorageId _storage = new("telemetry-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Link_files_tab_and_a_refused_unlink_are_spans_with_storage_operation_outcome_and_error_type_and_no_file_names()
    {
        var activities = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == StorageTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var (service, storage, authorization) = World();
        var secret = storage.AddFile(StoragePath.Parse("/Secret plans/merger.pdf"), "x", "application/pdf");

        var links = await service.LinkFilesAsync(Alice, WorkPackage, _storage, [secret.Id], _ct);
        await service.ListFileLinksAsync(Alice, WorkPackage, _ct);
        authorization.AllowView(new HostUserId("bob"), WorkPackage);
        await Assert.ThrowsAsync<StorageException>(() => service.UnlinkAsync(new HostUserId("bob"), links[0].Id, _ct));

        var mine = activities.Where(a => (string?)a.GetTagItem(StorageTelemetry.StorageTag) == _storage.Value).ToList();
        var link = Assert.Single(mine, a => a.OperationName == "link");
        Assert.Equal("success", link.GetTagItem(StorageTelemetry.OutcomeTag));
        Assert.Contains(activities, a => a.OperationName == "files_tab" && (string?)a.GetTagItem(StorageTelemetry.OutcomeTag) == "success");
        var unlink = Assert.Single(mine, a => a.OperationName == "unlink" && (string?)a.GetTagItem(StorageTelemetry.ErrorTypeTag) == StorageErrorCode.PermissionMissing.Value);
        Assert.Equal("failure", unlink.GetTagItem(StorageTelemetry.OutcomeTag));
        Assert.Equal(ActivityStatusCode.Error, unlink.Status);
        Assert.All(mine.SelectMany(a => a.TagObjects), tag => Assert.DoesNotContain("merger", tag.Value?.ToString() ?? string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_files_tab_counts_its_links_by_status_and_operations_record_a_duration()
    {
        var counted = new ConcurrentDictionary<string, long>();
        var durations = new ConcurrentQueue<string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == StorageTelemetry.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (Tag(tags, StorageTelemetry.StorageTag) == _storage.Value)
            {
                counted.AddOrUpdate(Tag(tags, StorageTelemetry.LinkStatusTag)!, value, (_, sum) => sum + value);
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (Tag(tags, StorageTelemetry.StorageTag) == _storage.Value && value >= 0)
            {
                durations.Enqueue(Tag(tags, StorageTelemetry.OperationTag)!);
            }
        });
        listener.Start();
        var (service, storage, _) = World();
        var kept = storage.AddFile(StoragePath.Parse("/a.txt"), "a", "text/plain");
        var deleted = storage.AddFile(StoragePath.Parse("/b.txt"), "b", "text/plain");
        await service.LinkFilesAsync(Alice, WorkPackage, _storage, [kept.Id, deleted.Id], _ct);
        storage.Remove(deleted.Id);

        await service.ListFileLinksAsync(Alice, WorkPackage, _ct);

        Assert.Equal(1, counted.GetValueOrDefault(nameof(FileLinkStatus.Available)));
        Assert.Equal(1, counted.GetValueOrDefault(nameof(FileLinkStatus.NotFound)));
        Assert.Contains("link", durations);
    }

    private (FileLinkService Service, InMemoryFileStorage Storage, InMemoryFileLinkAuthorization Authorization) World()
    {
        var storage = new InMemoryFileStorage(_storage, "Nextcloud");
        storage.AddUser("alice-nc");
        storage.AddUser("bob-nc");
        storage.Connect(Alice, "alice-nc");
        storage.Connect(new HostUserId("bob"), "bob-nc");
        var authorization = new InMemoryFileLinkAuthorization();
        authorization.AllowManage(Alice, WorkPackage);
        return (new FileLinkService(new FileStorageCatalog([storage]), new InMemoryFileLinkRepository(), authorization, new DefaultStorageProblemDescriber()), storage, authorization);
    }

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
            {
                return tag.Value as string;
            }
        }

        return null;
    }
}
