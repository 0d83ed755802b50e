using static OpenProject.Storages.Testing.StoreConformance;

namespace OpenProject.Storages.Testing;

/// <summary>What every <see cref="IFileLinkRepository"/> must do.</summary>
internal static class LinkRepositoryScenarios
{
    private static readonly StorageId Storage = new("nextcloud");
    private static readonly HostUserId Alice = new("42");

    public static StoreConformanceCase[] Cases =>
    [
        new("A link round-trips with its origin data and is found by container, by file and by id", RoundTripAsync),
        new("Lists are oldest first and hold only their container or file", OrderAsync),
        new("Adding the same link again returns the stored one", AddTwiceAsync),
        new("Twenty concurrent adds of one link from separate instances leave one link", ConcurrentAddsAsync),
        new("Removing takes only that link and says whether it was there", RemoveAsync),
        new("Updating origin data changes every link of that file and no other", UpdateAsync),
        new("A file id of 1,000 characters round-trips or is refused with ArgumentException", LongIdAsync),
        new("Odd Unicode in ids and names round-trips exactly, without normalisation", UnicodeAsync),
    ];

    private static async Task RoundTripAsync(IStoreConformanceFixture stores, CancellationToken ct)
    {
        var origin = new FileOriginData
        {
            Name = "Grüße 🍑.pdf",
            MimeType = "application/pdf",
            CreatedAt = new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero),
            // A tick below the microsecond: the origin data is compared with the live one on every Files tab view,
            // so a store that rounds it would make every view rewrite every link.
            LastModifiedAt = new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.FromHours(1)).AddTicks(7),
            CreatedByName = "Alice",
            LastModifiedByName = "Bob",
        };
        var added = await stores.NewLinkRepository().AddAsync(Link("WP-1", "35", origin), ct).ConfigureAwait(false);

        var byId = await stores.NewLinkRepository().GetAsync(added.Id, ct).ConfigureAwait(false);
        Check(byId == added, "GetAsync did not return the link AddAsync returned.");
        Check(byId!.Origin == origin, "The origin data did not round-trip exactly (dates compare as instants, to the tick).");
        Check(Same(await stores.NewLinkRepository().ListByContainerAsync(ContainerRef.WorkPackage("WP-1"), ct).ConfigureAwait(false), added), "ListByContainerAsync did not return exactly the link.");
        Check(Same(await stores.NewLinkRepository().ListByOriginAsync(Storage, new FileId("35"), ct).ConfigureAwait(false), added), "ListByOriginAsync did not return exactly the link.");
        Check(await stores.NewLinkRepository().GetAsync(new FileLinkId("999999"), ct).ConfigureAwait(false) is null, "GetAsync of an unknown id did not return null.");
    }

    private static async Task OrderAsync(IStoreConformanceFixture stores, CancellationToken ct)
    {
        var first = await stores.NewLinkRepository().AddAsync(Link("WP-1", "35"), ct).ConfigureAwait(false);
        var other = await stores.NewLinkRepository().AddAsync(Link("WP-2", "35"), ct).ConfigureAwait(false);
        var second = await stores.NewLinkRepository().AddAsync(Link("WP-1", "36"), ct).ConfigureAwait(false);

        Check(Same(await stores.NewLinkRepository().ListByContainerAsync(ContainerRef.WorkPackage("WP-1"), ct).ConfigureAwait(false), first, second), "ListByContainerAsync is not the container's links, oldest first.");
        Check(Same(await stores.NewLinkRepository().ListByOriginAsync(Storage, new FileId("35"), ct).ConfigureAwait(false), first, other), "ListByOriginAsync is not the file's links, oldest first.");
    }

    private static async Task AddTwiceAsync(IStoreConformanceFixture stores, CancellationToken ct)
    {
        var first = await stores.NewLinkRepository().AddAsync(Link("WP-1", "35"), ct).ConfigureAwait(false);
        var again = await stores.NewLinkRepository().AddAsync(Link("WP-1", "35", new FileOriginData { Name = "renamed.txt" }), ct).ConfigureAwait(false);

        Check(again == first, "Adding an existing link did not return the stored one.");
        Check((await stores.NewLinkRepository().ListByContainerAsync(ContainerRef.WorkPackage("WP-1"), ct).ConfigureAwait(false)).Count == 1, "Adding an existing link stored a second one.");
    }

    private static async Task ConcurrentAddsAsync(IStoreConformanceFixture stores, CancellationToken ct)
    {
        var repositories = Enumerable.Range(0, 20).Select(_ => stores.NewLinkRepository()).ToList();

        var added = await Task.WhenAll(repositories.Select(r => Task.Run(() => r.AddAsync(Link("WP-1", "35"), ct), ct))).ConfigureAwait(false);

        Check(added.Select(l => l.Id).Distinct().Count() == 1, "Concurrent adds of one link returned different links.");
        Check((await stores.NewLinkRepository().ListByContainerAsync(ContainerRef.WorkPackage("WP-1"), ct).ConfigureAwait(false)).Count == 1, "Concurrent adds of one link stored more than one.");
    }

    private static async Task RemoveAsync(IStoreConformanceFixture stores, CancellationToken ct)
    {
        var gone = await stores.NewLinkRepository().AddAsync(Link("WP-1", "35"), ct).ConfigureAwait(false);
        var kept = await stores.NewLinkRepository().AddAsync(Link("WP-1", "36"), ct).ConfigureAwait(false);

        Check(await stores.NewLinkRepository().RemoveAsync(gone.Id, ct).ConfigureAwait(false), "RemoveAsync of a stored link returned false.");
        Check(!await stores.NewLinkRepository().RemoveAsync(gone.Id, ct).ConfigureAwait(false), "RemoveAsync of a removed link returned true.");
        Check(!await stores.NewLinkRepository().RemoveAsync(new FileLinkId("not-a-link"), ct).ConfigureAwait(false), "RemoveAsync of an unknown id returned true.");
        Check(Same(await stores.NewLinkRepository().ListByContainerAsync(ContainerRef.WorkPackage("WP-1"), ct).ConfigureAwait(false), kept), "RemoveAsync took more than that link.");
    }

    private static async Task UpdateAsync(IStoreConformanceFixture stores, CancellationToken ct)
    {
        var a = await stores.NewLinkRepository().AddAsync(Link("WP-1", "35"), ct).ConfigureAwait(false);
        await stores.NewLinkRepository().AddAsync(Link("WP-2", "35"), ct).ConfigureAwait(false);
        var other = await stores.NewLinkRepository().AddAsync(Link("WP-1", "36"), ct).ConfigureAwait(false);
        var renamed = new FileOriginData { Name = "renamed.txt", MimeType = "text/plain" };

        await stores.NewLinkRepository().UpdateOriginDataAsync(Storage, new FileId("35"), renamed, ct).ConfigureAwait(false);

        var links = await stores.NewLinkRepository().ListByOriginAsync(Storage, new FileId("35"), ct).ConfigureAwait(false);
        Check(links.Count == 2 && links.All(l => l.Origin == renamed), "UpdateOriginDataAsync did not change every link of the file.");
        var updated = links.Single(l => l.Id == a.Id);
        Check(updated.CreatedAt == a.CreatedAt && updated.UpdatedAt >= a.UpdatedAt, "UpdateOriginDataAsync changed CreatedAt or moved UpdatedAt back.");
        Check(await stores.NewLinkRepository().GetAsync(other.Id, ct).ConfigureAwait(false) == other, "UpdateOriginDataAsync changed a link of another file.");
    }

    private static async Task LongIdAsync(IStoreConformanceFixture stores, CancellationToken ct)
    {
        var id = string.Concat(Enumerable.Repeat("é🍑", 334))[..1000];
        try
        {
            var added = await stores.NewLinkRepository().AddAsync(Link("WP-1", id), ct).ConfigureAwait(false);
            Check((await stores.NewLinkRepository().GetAsync(added.Id, ct).ConfigureAwait(false))?.OriginId.Value == id, "A file id of 1,000 characters did not round-trip.");
        }
        catch (ArgumentException)
        {
            Check((await stores.NewLinkRepository().ListByContainerAsync(ContainerRef.WorkPackage("WP-1"), ct).ConfigureAwait(false)).Count == 0, "A refused link was stored anyway.");
        }
    }

    private static async Task UnicodeAsync(IStoreConformanceFixture stores, CancellationToken ct)
    {
        const string Nfd = "Gru\u0308ße";
        var name = Nfd + " \U0001F351\t.txt";
        var added = await stores.NewLinkRepository().AddAsync(Link("WP-\u00fc", "id-\u200b-" + Nfd, new FileOriginData { Name = name }), ct).ConfigureAwait(false);

        var read = await stores.NewLinkRepository().GetAsync(added.Id, ct).ConfigureAwait(false);
        Check(read == added && read!.Origin.Name == name, "Odd Unicode did not round-trip exactly.");
        Check((await stores.NewLinkRepository().ListByOriginAsync(Storage, new FileId("id-\u200b-Grüße"), ct).ConfigureAwait(false)).Count == 0, "The NFC form of a file id found the link stored under its NFD form.");
    }

    private static bool Same(IReadOnlyList<FileLink> actual, params FileLink[] expected) => actual.SequenceEqual(expected);

    private static NewFileLink Link(string workPackage, string fileId, FileOriginData? origin = null) => new()
    {
        Storage = Storage,
        Container = ContainerRef.WorkPackage(workPackage),
        OriginId = new FileId(fileId),
        Origin = origin ?? new FileOriginData { Name = $"file {fileId}.txt" },
        CreatedBy = Alice,
    };
}
