namespace OpenProject.Storages.Testing.Conformance;

internal static class StreamingListingScenarios
{
    public static IEnumerable<ConformanceCase> Cases { get; } =
    [
        new("Reading a folder as a stream yields each child once, as the listing has it, without the folder itself", StorageCapabilities.StreamingListings, StreamsTheChildrenAsync),
        new("Reading an empty folder as a stream yields nothing", StorageCapabilities.StreamingListings, StreamsAnEmptyFolderAsync),
        new("Reading a missing folder as a stream is not found", StorageCapabilities.StreamingListings, StreamingAMissingFolderIsNotFoundAsync),
        new("Reading a file as a stream of children is an invalid request", StorageCapabilities.StreamingListings, StreamingAFileIsAnInvalidRequestAsync),
    ];

    private static async Task StreamsTheChildrenAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var streaming = Check.Capability<IStreamingFolderListing>(fixture);
        var folder = await fixture.ArrangeFolderAsync(root.Combine("Streamed"), cancellationToken).ConfigureAwait(false);
        await fixture.ArrangeFolderAsync(folder.Location.Combine("sub folder"), cancellationToken).ConfigureAwait(false);
        foreach (var name in (string[])["a.txt", "B.txt", "C++ #1 100%.txt", "Übersicht 🎉.txt"])
        {
            await fixture.ArrangeFileAsync(folder.Location.Combine(name), Check.Bytes(name), cancellationToken).ConfigureAwait(false);
        }

        var streamed = await ReadAllAsync(streaming, fixture.PrivilegedActor, folder.Location, cancellationToken).ConfigureAwait(false);
        var listing = await fixture.Storage.ListFolderAsync(fixture.PrivilegedActor, folder.Location, cancellationToken).ConfigureAwait(false);

        Check.That(streamed.TrueForAll(item => item.Id != folder.Id), "The stream holds the folder's children only, not the folder itself.");
        Check.SequenceEqual(
            listing.Children.Select(Describe).Order(StringComparer.Ordinal),
            streamed.Select(Describe).Order(StringComparer.Ordinal),
            "The streamed children (id, location, kind, size), in any order");
    }

    private static async Task StreamsAnEmptyFolderAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var streaming = Check.Capability<IStreamingFolderListing>(fixture);
        var folder = await fixture.ArrangeFolderAsync(root.Combine("Empty"), cancellationToken).ConfigureAwait(false);

        var streamed = await ReadAllAsync(streaming, fixture.PrivilegedActor, folder.Location, cancellationToken).ConfigureAwait(false);

        Check.Equal(0, streamed.Count, "The number of children streamed from an empty folder");
    }

    private static async Task StreamingAMissingFolderIsNotFoundAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var streaming = Check.Capability<IStreamingFolderListing>(fixture);

        await Check.FailsWithAsync(StorageErrorCode.NotFound, () => ReadAllAsync(streaming, fixture.PrivilegedActor, root.Combine("Missing"), cancellationToken), "Streaming a missing folder").ConfigureAwait(false);
    }

    private static async Task StreamingAFileIsAnInvalidRequestAsync(IFileStorageConformanceFixture fixture, StoragePath root, CancellationToken cancellationToken)
    {
        var streaming = Check.Capability<IStreamingFolderListing>(fixture);
        var file = await fixture.ArrangeFileAsync(root.Combine("plain.txt"), Check.Bytes("plain"), cancellationToken).ConfigureAwait(false);

        await Check.FailsWithAsync(StorageErrorCode.InvalidRequest, () => ReadAllAsync(streaming, fixture.PrivilegedActor, file.Location, cancellationToken), "Streaming the children of a file").ConfigureAwait(false);
    }

    private static async Task<List<StorageItem>> ReadAllAsync(IStreamingFolderListing streaming, StorageActor actor, StoragePath folder, CancellationToken cancellationToken)
    {
        var items = new List<StorageItem>();
        await foreach (var item in streaming.EnumerateFolderAsync(actor, folder, cancellationToken).ConfigureAwait(false))
        {
            items.Add(item);
        }

        return items;
    }

    private static string Describe(StorageItem item) => $"{item.Id} {item.Location} {item.Kind} {item.Size}";
}
