using Microsoft.Extensions.Time.Testing;
using OpenProject.Storages.EntityFrameworkCore.Tests.Databases;

namespace OpenProject.Storages.EntityFrameworkCore.Tests.Stores;

/// <summary>The lease-row sync lock on a shared database: one holder at a time, leases expire, only the holder frees.</summary>
public sealed class SyncLockContractTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));

    [Theory]
    [MemberData(nameof(StoreKinds.Databases), MemberType = typeof(StoreKinds))]
    public async Task Of_ten_instances_taking_the_lock_at_once_exactly_one_holds_it_until_it_frees_it(string kind)
    {
        await using var database = await Open(kind);
        var contexts = Enumerable.Range(0, 11).Select(_ => database.NewContext()).ToList();
        try
        {
            var locks = contexts.Take(10).Select(c => new EntityFrameworkProjectFolderSyncLock<OpenProjectStoragesDbContext>(c, _time)).ToList();

            var held = await Task.WhenAll(locks.Select(l => Task.Run(() => l.TryAcquireAsync("nc", TimeSpan.FromMinutes(30), _ct), _ct)));

            var winner = Assert.Single(held, h => h is not null);
            await winner!.DisposeAsync();
            Assert.NotNull(await new EntityFrameworkProjectFolderSyncLock<OpenProjectStoragesDbContext>(contexts[10], _time).TryAcquireAsync("nc", TimeSpan.FromMinutes(30), _ct));
        }
        finally
        {
            foreach (var context in contexts)
            {
                await context.DisposeAsync();
            }
        }
    }

    [Theory]
    [MemberData(nameof(StoreKinds.Databases), MemberType = typeof(StoreKinds))]
    public async Task An_expired_lease_is_taken_over_and_its_old_holder_cannot_free_the_new_one(string kind)
    {
        await using var database = await Open(kind);
        await using var a = database.NewContext();
        await using var b = database.NewContext();
        await using var c = database.NewContext();
        var first = new EntityFrameworkProjectFolderSyncLock<OpenProjectStoragesDbContext>(a, _time);
        var second = new EntityFrameworkProjectFolderSyncLock<OpenProjectStoragesDbContext>(b, _time);
        var third = new EntityFrameworkProjectFolderSyncLock<OpenProjectStoragesDbContext>(c, _time);
        var crashed = await first.TryAcquireAsync("nc", TimeSpan.FromMinutes(30), _ct);
        Assert.Null(await second.TryAcquireAsync("nc", TimeSpan.FromMinutes(30), _ct));
        _time.Advance(TimeSpan.FromMinutes(31));

        var next = await second.TryAcquireAsync("nc", TimeSpan.FromMinutes(30), _ct);
        await crashed!.DisposeAsync();

        Assert.NotNull(next);
        Assert.Null(await third.TryAcquireAsync("nc", TimeSpan.FromMinutes(30), _ct));
        Assert.NotNull(await third.TryAcquireAsync("other-storage", TimeSpan.FromMinutes(30), _ct));
    }

    private static Task<TestDatabase> Open(string kind) => kind == "sqlite" ? TestDatabase.SqliteAsync() : TestDatabase.PostgresAsync();
}
