using static OpenProject.Storages.Testing.Tests.Files.StorageScenario;

namespace OpenProject.Storages.Testing.Tests.Files;

public sealed class FaultInjectionTests
{
    private readonly StorageScenario _scenario = new();

    private InMemoryFileStorage Storage => _scenario.Storage;

    [Fact]
    public async Task An_unauthorized_fault_is_an_Unauthorized_error_with_status_401()
    {
        Storage.Faults.Inject(StorageOperation.GetFileInfos, StorageFault.Unauthorized);

        var error = await Assert.ThrowsAsync<StorageException>(() => Storage.GetFileInfosAsync(Alice, [new FileId("1")], Cancellation));

        Assert.Equal(StorageErrorCode.Unauthorized, error.Code);
        Assert.Equal(401, error.HttpStatus);
    }

    [Fact]
    public async Task Any_storage_error_can_be_injected_and_the_write_changes_nothing()
    {
        var locked = new StorageException(StorageErrorCode.Locked, "The file is locked.", httpStatus: 423);
        Storage.Faults.Inject(StorageOperation.Upload, locked);

        var error = await Assert.ThrowsAsync<StorageException>(() => Storage.UploadAsync(Alice, StoragePath.Root, "locked.txt", new MemoryStream([1]), NameConflictPolicy.Fail, Cancellation));

        Assert.Same(locked, error);
        Assert.Null(Storage.Find(StoragePath.Root.Combine("locked.txt")));
    }

    [Fact]
    public async Task An_unavailable_fault_is_an_Unavailable_error_with_status_503()
    {
        Storage.Faults.Inject(StorageOperation.ListFolder, StorageFault.Unavailable);

        var error = await Assert.ThrowsAsync<StorageException>(() => Storage.ListFolderAsync(Alice, StoragePath.Root, Cancellation));

        Assert.Equal(StorageErrorCode.Unavailable, error.Code);
        Assert.Equal(503, error.HttpStatus);
    }

    [Fact]
    public async Task A_fault_on_the_streaming_listing_meets_the_enumeration_when_it_starts_and_is_counted_once()
    {
        Storage.Faults.Inject(StorageOperation.EnumerateFolder, StorageFault.Unavailable);
        var children = Storage.EnumerateFolderAsync(Alice, StoragePath.Root, Cancellation);
        Assert.Equal(0, Storage.RequestCount(StorageOperation.EnumerateFolder));

        var error = await Assert.ThrowsAsync<StorageException>(async () => await children.GetAsyncEnumerator(Cancellation).MoveNextAsync());

        Assert.Equal(StorageErrorCode.Unavailable, error.Code);
        Assert.Equal(1, Storage.RequestCount(StorageOperation.EnumerateFolder));
        Assert.Equal(0, Storage.RequestCount(StorageOperation.ListFolder));
    }

    [Fact]
    public async Task An_invalid_response_fault_is_an_InvalidResponse_error()
    {
        Storage.Faults.Inject(StorageOperation.GetFileInfo, StorageFault.InvalidResponse);

        var error = await Assert.ThrowsAsync<StorageException>(() => Storage.GetFileInfoAsync(Alice, new FileId("1"), Cancellation));

        Assert.Equal(StorageErrorCode.InvalidResponse, error.Code);
    }

    [Fact]
    public async Task A_timeout_fault_is_an_Unavailable_error_wrapping_a_TimeoutException()
    {
        Storage.Faults.Inject(StorageOperation.GetFileInfos, StorageFault.Timeout);

        var error = await Assert.ThrowsAsync<StorageException>(() => Storage.GetFileInfosAsync(Alice, [new FileId("1")], Cancellation));

        Assert.Equal(StorageErrorCode.Unavailable, error.Code);
        Assert.IsType<TimeoutException>(error.InnerException);
    }

    [Fact]
    public async Task A_timeout_after_a_delay_waits_on_the_storage_clock()
    {
        Storage.Faults.Inject(StorageOperation.GetFileInfos, StorageFault.TimeoutAfter(TimeSpan.FromSeconds(30)));

        var request = Storage.GetFileInfosAsync(Alice, [new FileId("1")], Cancellation);
        Assert.False(request.IsCompleted);
        _scenario.Time.Advance(TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<StorageException>(() => request);
        Assert.IsType<TimeoutException>(error.InnerException);
    }

    [Fact]
    public async Task Latency_delays_the_answer_and_then_answers_normally()
    {
        var file = Storage.AddFile(Path("/slow.txt"), "slow");
        Storage.Faults.Inject(StorageOperation.GetFileInfo, StorageFault.Latency(TimeSpan.FromSeconds(2)));

        var request = Storage.GetFileInfoAsync(Alice, file.Id, Cancellation);
        Assert.False(request.IsCompleted);
        _scenario.Time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal("slow.txt", (await request).Name);
    }

    [Fact]
    public async Task A_fault_applies_as_many_times_as_injected_and_then_stops()
    {
        Storage.Faults.Inject(StorageOperation.ListFolder, StorageFault.Unavailable, times: 2);

        await Assert.ThrowsAsync<StorageException>(() => Storage.ListFolderAsync(Alice, StoragePath.Root, Cancellation));
        await Assert.ThrowsAsync<StorageException>(() => Storage.ListFolderAsync(Alice, StoragePath.Root, Cancellation));
        var listing = await Storage.ListFolderAsync(Alice, StoragePath.Root, Cancellation);

        Assert.Equal("Root", listing.Folder.Name);
    }

    [Fact]
    public async Task A_fault_injected_always_applies_until_cleared()
    {
        Storage.Faults.InjectAlways(StorageOperation.ListFolder, StorageFault.Unavailable);

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<StorageException>(() => Storage.ListFolderAsync(Alice, StoragePath.Root, Cancellation));
        }

        Storage.Faults.Clear();
        await Storage.ListFolderAsync(Alice, StoragePath.Root, Cancellation);
    }

    [Fact]
    public async Task A_fault_on_one_operation_leaves_the_others_alone()
    {
        var file = Storage.AddFile(Path("/a.txt"), "a");
        Storage.Faults.InjectAlways(StorageOperation.GetFileInfos, StorageFault.Unavailable);

        var info = await Storage.GetFileInfoAsync(Alice, file.Id, Cancellation);

        Assert.Equal(file.Id, info.Id);
    }

    [Fact]
    public async Task A_faulted_upload_leaves_nothing_behind()
    {
        Storage.AddFolder(Path("/Inbox"));
        Storage.Faults.Inject(StorageOperation.Upload, StorageFault.Unavailable);
        using var content = Content("report");

        await Assert.ThrowsAsync<StorageException>(() => Storage.UploadAsync(Alice, Path("/Inbox"), "report.pdf", content, cancellationToken: Cancellation));

        Assert.Null(Storage.Find(Path("/Inbox/report.pdf")));
    }

    [Fact]
    public async Task A_faulted_move_moves_nothing()
    {
        var file = Storage.AddFile(Path("/a.txt"), "a");
        Storage.Faults.Inject(StorageOperation.Move, StorageFault.Timeout);

        await Assert.ThrowsAsync<StorageException>(() => Storage.MoveAsync(Alice, Path("/a.txt"), Path("/b.txt"), Cancellation));

        Assert.Equal(Path("/a.txt"), Storage.Find(file.Id)!.Location);
    }

    [Fact]
    public async Task A_faulted_delete_deletes_nothing()
    {
        var file = Storage.AddFile(Path("/keep.txt"), "keep");
        Storage.Faults.Inject(StorageOperation.Delete, StorageFault.InvalidResponse);

        await Assert.ThrowsAsync<StorageException>(() => Storage.DeleteAsync(Alice, Path("/keep.txt"), Cancellation));

        Assert.NotNull(Storage.Find(file.Id));
    }

    [Fact]
    public async Task Requests_are_counted_per_operation_including_faulted_ones()
    {
        var file = Storage.AddFile(Path("/a.txt"), "a");
        Storage.Faults.Inject(StorageOperation.GetFileInfos, StorageFault.Unavailable);

        await Assert.ThrowsAsync<StorageException>(() => Storage.GetFileInfosAsync(Alice, [file.Id], Cancellation));
        await Storage.GetFileInfosAsync(Alice, [file.Id, file.Id], Cancellation);

        Assert.Equal(2, Storage.RequestCount(StorageOperation.GetFileInfos));
        Assert.Equal(0, Storage.RequestCount(StorageOperation.GetFileInfo));
        Storage.ResetRequestCounts();
        Assert.Equal(0, Storage.RequestCount(StorageOperation.GetFileInfos));
    }
}
