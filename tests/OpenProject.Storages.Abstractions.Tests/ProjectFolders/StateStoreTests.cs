using OpenProject.Storages.ProjectFolders;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Abstractions.Tests.ProjectFolders;

/// <summary>With a state store the synchronizer keeps the folder ids itself: a renamed project keeps its folder on any instance.</summary>
public sealed class StateStoreTests
{
    private static readonly StorageId Nextcloud = new("nextcloud");
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_project_renamed_between_runs_on_two_instances_keeps_its_folder_though_the_host_never_passed_an_id()
    {
        var store = new InMemoryProjectFolderStateStore();
        var world = new FolderWorld();
        var options = new ProjectFolderSyncOptions { StateStore = store, StorageId = Nextcloud };
        var first = await new ProjectFolderSynchronizer(world.Storage, options).SynchronizeAsync(world.Desired(), _ct);
        var apolloFolder = first.FolderIds[world.Apollo.ProjectId];

        // The host passes no folder ids at all: another instance, the project renamed.
        var renamed = world.Apollo with { Name = "Apollo Program" };
        var second = await new ProjectFolderSynchronizer(world.Storage, options).SynchronizeAsync(world.Desired(renamed, world.Gemini), _ct);

        Assert.Equal(ProjectFolderSyncOutcome.Succeeded, second.Outcome);
        Assert.Equal(ProjectFolderStepKind.RenameFolder, Assert.Single(second.Steps).Step.Kind);
        Assert.Equal("Apollo Program (1)", world.Storage.FindFolder(apolloFolder)!.Name);
        Assert.Equal(2, (await world.Storage.ReadManagedRootAsync(_ct)).Folders.Count);
        Assert.Equal(apolloFolder, (await store.GetFolderIdsAsync(Nextcloud, _ct))[world.Apollo.ProjectId]);
    }

    [Fact]
    public async Task An_id_the_host_passes_wins_over_the_stored_one()
    {
        var store = new InMemoryProjectFolderStateStore();
        var world = new FolderWorld();
        var options = new ProjectFolderSyncOptions { StateStore = store, StorageId = Nextcloud };
        await world.SyncAsync();
        await store.SaveFolderIdsAsync(Nextcloud, new Dictionary<string, FileId> { [world.Apollo.ProjectId] = new("no-such-folder") }, _ct);

        var report = await new ProjectFolderSynchronizer(world.Storage, options).SynchronizeAsync(world.Desired(), _ct);

        Assert.Equal(0, report.WriteRequests);
        Assert.Equal(2, (await world.Storage.ReadManagedRootAsync(_ct)).Folders.Count);
    }

    [Fact]
    public async Task When_the_ids_cannot_be_read_nothing_is_changed_and_the_report_says_why()
    {
        var world = new FolderWorld();
        var options = new ProjectFolderSyncOptions { StateStore = new FailingStateStore(failReads: true), StorageId = Nextcloud };

        var report = await new ProjectFolderSynchronizer(world.Storage, options).SynchronizeAsync(world.Desired(), _ct);

        Assert.Equal(ProjectFolderSyncOutcome.Aborted, report.Outcome);
        Assert.Equal(StorageErrorCode.Unavailable, report.AbortCode);
        Assert.Contains("folder ids could not be read", report.AbortMessage, StringComparison.Ordinal);
        Assert.Empty((await world.Storage.ReadManagedRootAsync(_ct)).Folders);
    }

    [Fact]
    public async Task When_the_ids_cannot_be_saved_the_folders_stay_and_the_report_has_a_failed_save_step()
    {
        var world = new FolderWorld();
        var options = new ProjectFolderSyncOptions { StateStore = new FailingStateStore(failReads: false), StorageId = Nextcloud };

        var report = await new ProjectFolderSynchronizer(world.Storage, options).SynchronizeAsync(world.Desired(), _ct);

        Assert.Equal(ProjectFolderSyncOutcome.CompletedWithErrors, report.Outcome);
        var save = FolderWorld.Single(report, ProjectFolderStepKind.SaveFolderIds);
        Assert.Equal(ProjectFolderStepOutcome.Failed, save.Outcome);
        Assert.Equal(StorageErrorCode.Unavailable, save.ErrorCode);
        Assert.Equal(2, report.FolderIds.Count);
        Assert.Equal(2, (await world.Storage.ReadManagedRootAsync(_ct)).Folders.Count);
    }

    [Fact]
    public void A_state_store_without_a_storage_id_is_a_caller_mistake()
    {
        var world = new FolderWorld();

        var error = Assert.Throws<ArgumentException>(() => new ProjectFolderSynchronizer(world.Storage, new ProjectFolderSyncOptions { StateStore = new InMemoryProjectFolderStateStore() }));

        Assert.Contains("StorageId", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A store whose database is down: reads or writes fail as the EF Core store reports it.</summary>
    private sealed class FailingStateStore(bool failReads) : IProjectFolderStateStore
    {
        public Task<IReadOnlyDictionary<string, FileId>> GetFolderIdsAsync(StorageId storage, CancellationToken cancellationToken = default) =>
            failReads ? throw Down() : Task.FromResult<IReadOnlyDictionary<string, FileId>>(new Dictionary<string, FileId>());

        public Task SaveFolderIdsAsync(StorageId storage, IReadOnlyDictionary<string, FileId> folderIds, CancellationToken cancellationToken = default) => throw Down();

        private static StorageException Down() => new(StorageErrorCode.Unavailable, "The database could not save the project folder ids; nothing was changed.");
    }
}
