namespace OpenProject.Storages.EntityFrameworkCore.Tests.Stores;

/// <summary>What every <see cref="IFileLinkRepository"/> must do, run against each kind of store.</summary>
public sealed class FileLinkRepositoryContractTests
{
    private static readonly StorageId Nextcloud = new("nextcloud");
    private static readonly HostUserId Alice = new("42");
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task A_link_round_trips_with_its_origin_data_and_is_found_by_container_by_file_and_by_id(string kind)
    {
        await using var stores = await StoreSet.OpenAsync(kind);
        var origin = new FileOriginData { Name = "Grüße 🍑.pdf", MimeType = "application/pdf", CreatedAt = stores.Time.GetUtcNow().AddDays(-1), LastModifiedAt = stores.Time.GetUtcNow(), CreatedByName = "Alice", LastModifiedByName = "Bob" };

        var added = await stores.NewLinks().AddAsync(Link("WP-1", "35", origin), _ct);

        var byId = await stores.NewLinks().GetAsync(added.Id, _ct);
        Assert.Equal(added, byId);
        Assert.Equal(origin, byId!.Origin);
        Assert.Equal(stores.Time.GetUtcNow(), byId.CreatedAt);
        Assert.Equal([added], await stores.NewLinks().ListByContainerAsync(ContainerRef.WorkPackage("WP-1"), _ct));
        Assert.Equal([added], await stores.NewLinks().ListByOriginAsync(Nextcloud, new FileId("35"), _ct));
        Assert.Null(await stores.NewLinks().GetAsync(new FileLinkId("999999"), _ct));
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Lists_are_oldest_first_and_hold_only_their_container_or_file(string kind)
    {
        await using var stores = await StoreSet.OpenAsync(kind);
        var first = await stores.NewLinks().AddAsync(Link("WP-1", "35"), _ct);
        var other = await stores.NewLinks().AddAsync(Link("WP-2", "35"), _ct);
        var second = await stores.NewLinks().AddAsync(Link("WP-1", "36"), _ct);

        Assert.Equal([first, second], await stores.NewLinks().ListByContainerAsync(ContainerRef.WorkPackage("WP-1"), _ct));
        Assert.Equal([first, other], await stores.NewLinks().ListByOriginAsync(Nextcloud, new FileId("35"), _ct));
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Adding_the_same_link_again_returns_the_stored_one(string kind)
    {
        await using var stores = await StoreSet.OpenAsync(kind);
        var first = await stores.NewLinks().AddAsync(Link("WP-1", "35"), _ct);

        var again = await stores.NewLinks().AddAsync(Link("WP-1", "35", new FileOriginData { Name = "renamed.txt" }), _ct);

        Assert.Equal(first, again);
        Assert.Single(await stores.NewLinks().ListByContainerAsync(ContainerRef.WorkPackage("WP-1"), _ct));
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Twenty_concurrent_adds_of_one_link_from_separate_scopes_leave_one_row(string kind)
    {
        await using var stores = await StoreSet.OpenAsync(kind);
        var repositories = Enumerable.Range(0, 20).Select(_ => stores.NewLinks()).ToList();

        var added = await Task.WhenAll(repositories.Select(r => Task.Run(() => r.AddAsync(Link("WP-1", "35"), _ct), _ct)));

        Assert.Single(added.Select(l => l.Id).Distinct());
        Assert.Single(await stores.NewLinks().ListByContainerAsync(ContainerRef.WorkPackage("WP-1"), _ct));
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Removing_takes_only_that_link_and_says_whether_it_was_there(string kind)
    {
        await using var stores = await StoreSet.OpenAsync(kind);
        var gone = await stores.NewLinks().AddAsync(Link("WP-1", "35"), _ct);
        var kept = await stores.NewLinks().AddAsync(Link("WP-1", "36"), _ct);

        Assert.True(await stores.NewLinks().RemoveAsync(gone.Id, _ct));
        Assert.False(await stores.NewLinks().RemoveAsync(gone.Id, _ct));
        Assert.False(await stores.NewLinks().RemoveAsync(new FileLinkId("not-a-number"), _ct));
        Assert.Equal([kept], await stores.NewLinks().ListByContainerAsync(ContainerRef.WorkPackage("WP-1"), _ct));
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Updating_origin_data_changes_every_link_of_that_file_and_no_other(string kind)
    {
        await using var stores = await StoreSet.OpenAsync(kind);
        await stores.NewLinks().AddAsync(Link("WP-1", "35"), _ct);
        await stores.NewLinks().AddAsync(Link("WP-2", "35"), _ct);
        var other = await stores.NewLinks().AddAsync(Link("WP-1", "36"), _ct);
        stores.Time.Advance(TimeSpan.FromMinutes(5));
        var renamed = new FileOriginData { Name = "renamed.txt", MimeType = "text/plain" };

        await stores.NewLinks().UpdateOriginDataAsync(Nextcloud, new FileId("35"), renamed, _ct);

        var links = await stores.NewLinks().ListByOriginAsync(Nextcloud, new FileId("35"), _ct);
        Assert.All(links, l => Assert.Equal(renamed, l.Origin));
        Assert.All(links, l => Assert.Equal(stores.Time.GetUtcNow(), l.UpdatedAt));
        Assert.Equal(other, await stores.NewLinks().GetAsync(other.Id, _ct));
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task A_file_id_of_1000_characters_round_trips_or_is_refused_as_a_caller_mistake(string kind)
    {
        await using var stores = await StoreSet.OpenAsync(kind);
        var id = string.Concat(Enumerable.Repeat("é🍑", 334))[..1000];

        try
        {
            var added = await stores.NewLinks().AddAsync(Link("WP-1", id), _ct);
            Assert.Equal(id, (await stores.NewLinks().GetAsync(added.Id, _ct))!.OriginId.Value);
        }
        catch (ArgumentException)
        {
            Assert.Empty(await stores.NewLinks().ListByContainerAsync(ContainerRef.WorkPackage("WP-1"), _ct));
        }
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Odd_unicode_in_ids_and_names_round_trips_exactly(string kind)
    {
        await using var stores = await StoreSet.OpenAsync(kind);
        var nfd = "Gru\u0308ße";
        var added = await stores.NewLinks().AddAsync(Link("WP-\u00fc", "id-\u200b-" + nfd, new FileOriginData { Name = nfd + " \U0001F351\t.txt" }), _ct);

        var read = await stores.NewLinks().GetAsync(added.Id, _ct);

        Assert.Equal(added, read);
        Assert.Equal(nfd + " \U0001F351\t.txt", read!.Origin.Name);
        Assert.Empty(await stores.NewLinks().ListByOriginAsync(Nextcloud, new FileId("id-\u200b-Grüße"), _ct));
    }

    private static NewFileLink Link(string workPackage, string fileId, FileOriginData? origin = null) => new()
    {
        Storage = Nextcloud,
        Container = ContainerRef.WorkPackage(workPackage),
        OriginId = new FileId(fileId),
        Origin = origin ?? new FileOriginData { Name = $"file {fileId}.txt" },
        CreatedBy = Alice,
    };
}
