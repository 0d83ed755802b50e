using BenchmarkDotNet.Attributes;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Benchmarks.Links;

/// <summary>
/// The Files tab of a work package with many links: <see cref="FileLinkService.ListFileLinksAsync(HostUserId, ContainerRef, CancellationToken)"/>
/// over the in-memory storage (one bulk request), with the live status of every link.
/// Divide the results by <see cref="Links"/> for the cost per link.
/// </summary>
[MemoryDiagnoser]
public class ListFileLinksBenchmark
{
    private static readonly HostUserId User = new("alice");
    private static readonly ContainerRef WorkPackage = ContainerRef.WorkPackage("1");
    private FileLinkService _service = null!;

    [Params(1_000)]
    public int Links { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var storage = new InMemoryFileStorage(new StorageId("cloud"), "Nextcloud");
        storage.AddUser("alice", "Alice");
        storage.Connect(User, "alice");
        var repository = new InMemoryFileLinkRepository();
        var authorization = new InMemoryFileLinkAuthorization();
        authorization.AllowEverything(User);
        _service = new FileLinkService(new FileStorageCatalog([storage]), repository, authorization, new DefaultStorageProblemDescriber());
        var ids = new List<FileId>(Links);
        for (var i = 0; i < Links; i++)
        {
            ids.Add(storage.AddFile(StoragePath.Parse($"/Projects/file {i:D5}.txt"), "x", "text/plain", "Alice").Id);
        }

        _service.LinkFilesAsync(User, WorkPackage, storage.Id, ids).GetAwaiter().GetResult();
    }

    [Benchmark]
    public async Task<int> ListWithLiveStatus()
    {
        var tab = await _service.ListFileLinksAsync(User, WorkPackage);
        return tab.Storages[0].Links.Count;
    }
}
