using OpenProject.Storages.ProjectFolders;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Abstractions.Tests.ProjectFolders;

/// <summary>With a sync lock, one app instance at a time writes; the other's run is skipped and says so.</summary>
public sealed class SyncLockTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_sync_while_another_instance_holds_the_lock_is_skipped_without_reading_or_writing()
    {
        var syncLock = new InMemoryProjectFolderSyncLock();
        var world = new FolderWorld(new ProjectFolderSyncOptions { SyncLock = syncLock });
        var other = await syncLock.TryAcquireAsync("project-folders", TimeSpan.FromMinutes(5), _ct);

        var skipped = await world.SyncAsync();
        await other!.DisposeAsync();
        var ran = await world.SyncAsync();

        Assert.Equal(ProjectFolderSyncOutcome.Skipped, skipped.Outcome);
        Assert.Contains("Another app instance", skipped.AbortMessage, StringComparison.Ordinal);
        Assert.Empty(skipped.Steps);
        Assert.Equal(ProjectFolderSyncOutcome.Succeeded, ran.Outcome);
        Assert.True(ran.WriteRequests > 0);
    }

    [Fact]
    public async Task Two_concurrent_syncs_sharing_a_lock_write_once()
    {
        var syncLock = new InMemoryProjectFolderSyncLock();
        var world = new FolderWorld();
        var options = new ProjectFolderSyncOptions { SyncLock = syncLock };
        var first = new ProjectFolderSynchronizer(world.Storage, options);
        var second = new ProjectFolderSynchronizer(world.Storage, options);

        var reports = await Task.WhenAll(
            Task.Run(() => first.SynchronizeAsync(world.Desired(world.Apollo, world.Gemini), _ct), _ct),
            Task.Run(() => second.SynchronizeAsync(world.Desired(world.Apollo, world.Gemini), _ct), _ct));

        // Either the runs overlapped (one skipped) or ran one after the other (the second found nothing to do).
        Assert.Single(reports, r => r.WriteRequests > 0);
        Assert.All(reports, r => Assert.True(r.Outcome is ProjectFolderSyncOutcome.Succeeded or ProjectFolderSyncOutcome.Skipped));
    }

    [Fact]
    public async Task A_lease_that_expired_is_taken_over_and_the_old_holder_does_not_free_the_new_one()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var syncLock = new InMemoryProjectFolderSyncLock(time);
        var crashed = await syncLock.TryAcquireAsync("nc", TimeSpan.FromMinutes(30), _ct);
        time.Advance(TimeSpan.FromMinutes(31));

        var next = await syncLock.TryAcquireAsync("nc", TimeSpan.FromMinutes(30), _ct);
        await crashed!.DisposeAsync();

        Assert.NotNull(next);
        Assert.Null(await syncLock.TryAcquireAsync("nc", TimeSpan.FromMinutes(30), _ct));
    }
}
