using Microsoft.Extensions.Time.Testing;

namespace OpenProject.Storages.Testing.Tests.Links;

public sealed class InMemoryFileLinkRepositoryTests
{
    private static readonly StorageId Nextcloud = new("nextcloud");
    private static readonly HostUserId Alice = new("alice");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryFileLinkRepository _links;

    public InMemoryFileLinkRepositoryTests() => _links = new InMemoryFileLinkRepository(_time);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Adding_the_same_file_to_the_same_container_twice_returns_the_existing_link()
    {
        var first = await _links.AddAsync(NewLink("WP-1", "42"), Cancellation);
        _time.Advance(TimeSpan.FromMinutes(5));

        var second = await _links.AddAsync(NewLink("WP-1", "42", name: "renamed.pdf"), Cancellation);

        Assert.Equal(first, second);
        Assert.Single(_links.All);
    }

    [Fact]
    public async Task Links_get_sequential_ids_and_times_from_the_clock()
    {
        var first = await _links.AddAsync(NewLink("WP-1", "42"), Cancellation);
        _time.Advance(TimeSpan.FromMinutes(1));
        var second = await _links.AddAsync(NewLink("WP-2", "42"), Cancellation);

        Assert.Equal(new FileLinkId("1"), first.Id);
        Assert.Equal(new FileLinkId("2"), second.Id);
        Assert.Equal(_time.GetUtcNow(), second.CreatedAt);
        Assert.Equal(second.CreatedAt, second.UpdatedAt);
        Assert.Equal(second, await _links.GetAsync(second.Id, Cancellation));
    }

    [Fact]
    public async Task The_reverse_lookup_lists_every_link_to_a_file_oldest_first()
    {
        var inFirst = await _links.AddAsync(NewLink("WP-1", "42"), Cancellation);
        await _links.AddAsync(NewLink("WP-1", "43"), Cancellation);
        var inSecond = await _links.AddAsync(NewLink("WP-2", "42"), Cancellation);
        await _links.AddAsync(NewLink("WP-3", "42", storage: new StorageId("other")), Cancellation);

        var links = await _links.ListByOriginAsync(Nextcloud, new FileId("42"), Cancellation);

        Assert.Equal([inFirst.Id, inSecond.Id], links.Select(link => link.Id));
    }

    [Fact]
    public async Task A_container_lists_its_links_oldest_first()
    {
        var first = await _links.AddAsync(NewLink("WP-1", "42"), Cancellation);
        await _links.AddAsync(NewLink("WP-2", "42"), Cancellation);
        var second = await _links.AddAsync(NewLink("WP-1", "7"), Cancellation);

        var links = await _links.ListByContainerAsync(ContainerRef.WorkPackage("WP-1"), Cancellation);

        Assert.Equal([first.Id, second.Id], links.Select(link => link.Id));
    }

    [Fact]
    public async Task Updating_origin_data_changes_every_link_to_the_file_and_their_update_time()
    {
        await _links.AddAsync(NewLink("WP-1", "42"), Cancellation);
        await _links.AddAsync(NewLink("WP-2", "42"), Cancellation);
        var other = await _links.AddAsync(NewLink("WP-3", "7"), Cancellation);
        _time.Advance(TimeSpan.FromHours(1));

        await _links.UpdateOriginDataAsync(Nextcloud, new FileId("42"), new FileOriginData { Name = "final.pdf" }, Cancellation);

        var updated = await _links.ListByOriginAsync(Nextcloud, new FileId("42"), Cancellation);
        Assert.All(updated, link =>
        {
            Assert.Equal("final.pdf", link.Origin.Name);
            Assert.Equal(_time.GetUtcNow(), link.UpdatedAt);
        });
        Assert.Equal(other, await _links.GetAsync(other.Id, Cancellation));
    }

    [Fact]
    public async Task Removing_a_link_removes_only_that_link()
    {
        var removed = await _links.AddAsync(NewLink("WP-1", "42"), Cancellation);
        var kept = await _links.AddAsync(NewLink("WP-2", "42"), Cancellation);

        Assert.True(await _links.RemoveAsync(removed.Id, Cancellation));
        Assert.False(await _links.RemoveAsync(removed.Id, Cancellation));

        Assert.Null(await _links.GetAsync(removed.Id, Cancellation));
        Assert.Equal([kept], _links.All);
    }

    private static NewFileLink NewLink(string workPackage, string fileId, string name = "plan.pdf", StorageId? storage = null) => new()
    {
        Storage = storage ?? Nextcloud,
        Container = ContainerRef.WorkPackage(workPackage),
        OriginId = new FileId(fileId),
        Origin = new FileOriginData { Name = name },
        CreatedBy = Alice,
    };
}
