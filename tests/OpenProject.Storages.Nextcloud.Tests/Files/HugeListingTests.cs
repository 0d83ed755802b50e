using OpenProject.Storages.Nextcloud.Tests.Fixtures;
using OpenProject.Storages.Nextcloud.Tests.StandIn;

namespace OpenProject.Storages.Nextcloud.Tests.Files;

/// <summary>These tests measure the process's heap, so they run alone: no other test allocates meanwhile.</summary>
[CollectionDefinition(nameof(HeapMeasurements), DisableParallelization = true)]
public sealed class HeapMeasurements;

/// <summary>A folder far larger than memory should hold: streamed with flat memory, refused by the buffered listing.</summary>
[Collection(nameof(HeapMeasurements))]
public sealed class HugeListingTests : IDisposable
{
    private const int HugeFolder = 200_000;

    // The parser reads the body in buffers of some KiB and each entry is ~700 bytes: a lead of 1,000 entries
    // (~700 KB) is far above what it needs and far below what buffering the listing would show.
    private const int MaxReadAhead = 1_000;
    private const string Href = "/remote.php/dav/files/alice/Huge/";
    private static readonly StoragePath Huge = StoragePath.Parse("/Huge");

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly List<NextcloudTestHost> _hosts = [];

    public void Dispose() => _hosts.ForEach(host => host.Dispose());

    /// <summary>A host whose folder <c>/Huge</c> holds <paramref name="files"/> files; each PROPFIND gets a fresh body, the latest in the list.</summary>
    private (NextcloudTestHost Host, List<GeneratedListing> Bodies) Serve(int files, Action<NextcloudStorageOptions>? configure = null)
    {
        var host = new NextcloudTestHost(configure: configure);
        _hosts.Add(host);
        var bodies = new List<GeneratedListing>();
        host.Server.On("PROPFIND", "remote.php/dav/files/alice/Huge", _ =>
        {
            var body = new GeneratedListing(Href, files);
            bodies.Add(body);
            return GeneratedListing.Answer(body);
        });
        return (host, bodies);
    }

    [Fact]
    public async Task Streaming_a_folder_of_200000_files_holds_one_entry_at_a_time()
    {
        var (host, bodies) = Serve(HugeFolder);
        var count = 0;
        var lead = 0;
        var early = new List<WeakReference>();
        var heapAfterFirst10000 = 0L;
        var heapPeak = 0L;

        await foreach (var item in host.Storage.EnumerateFolderAsync(NextcloudTestHost.Alice, Huge, _ct))
        {
            count++;
            Assert.Equal(1000 + count, long.Parse(item.Id.Value, System.Globalization.CultureInfo.InvariantCulture));
            lead = Math.Max(lead, bodies[0].Produced - count);
            if (count <= 1_000)
            {
                early.Add(Track(item));
            }

            if (count == 10_000)
            {
                heapAfterFirst10000 = GC.GetTotalMemory(forceFullCollection: true);
                var alive = early.FindIndex(reference => reference.IsAlive);
                Assert.True(alive < 0, $"Item {alive + 1}, handed out earlier, is still held by the storage.");
            }
            else if (count % 50_000 == 0)
            {
                heapPeak = Math.Max(heapPeak, GC.GetTotalMemory(forceFullCollection: true));
            }
        }

        var growth = heapPeak - heapAfterFirst10000;
        TestContext.Current.TestOutputHelper?.WriteLine($"Streamed {count:N0} entries; read-ahead at most {lead:N0} entries; heap growth from entry 10,000 to the end: {growth:N0} bytes.");
        Assert.Equal(HugeFolder, count);
        Assert.InRange(lead, 0, MaxReadAhead);

        // Buffered, 190,000 more entries would hold ~100 MB (about 600 bytes each); streamed the heap stays where it was.
        Assert.InRange(growth, long.MinValue, 4L * 1024 * 1024);
    }

    // Not inlined: a temporary in the test's own frame must not be what keeps an item alive.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference Track(StorageItem item) => new(item);

    [Fact]
    public async Task The_buffered_listing_of_a_folder_above_the_cap_fails_naming_the_limit_and_the_streaming_call_and_stops_reading()
    {
        var (host, bodies) = Serve(HugeFolder);

        var error = await Assert.ThrowsAsync<StorageException>(() => host.Storage.ListFolderAsync(NextcloudTestHost.Alice, Huge, _ct));

        Assert.Equal(StorageErrorCode.InvalidResponse, error.Code);
        Assert.Contains("more than 100,000 entries", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxListingEntries", error.Message, StringComparison.Ordinal);
        Assert.Contains("EnumerateFolderAsync", error.Message, StringComparison.Ordinal);

        // The folder itself is the first of the 100,000 entries collected; reading stops at the first entry over the cap.
        Assert.InRange(Assert.Single(bodies).Produced, 100_000, 100_000 + MaxReadAhead);
    }

    [Fact]
    public async Task The_cap_counts_the_folder_and_its_children_and_a_listing_at_the_cap_is_whole()
    {
        var (atCap, _) = Serve(3, options => options.MaxListingEntries = 4);
        var (overCap, _) = Serve(4, options => options.MaxListingEntries = 4);

        var listing = await atCap.Storage.ListFolderAsync(NextcloudTestHost.Alice, Huge, _ct);
        var error = await Assert.ThrowsAsync<StorageException>(() => overCap.Storage.ListFolderAsync(NextcloudTestHost.Alice, Huge, _ct));
        var streamed = 0;
        await foreach (var _ in overCap.Storage.EnumerateFolderAsync(NextcloudTestHost.Alice, Huge, _ct))
        {
            streamed++;
        }

        Assert.Equal(3, listing.Children.Count);
        Assert.Equal(StorageErrorCode.InvalidResponse, error.Code);
        Assert.Contains("more than 4 entries", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, streamed);
    }
}
