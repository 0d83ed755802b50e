using Microsoft.Extensions.Time.Testing;
using OpenProject.Storages.EntityFrameworkCore.Tests.Databases;

namespace OpenProject.Storages.EntityFrameworkCore.Tests.Stores;

/// <summary>The refresh claim on a shared database: a crashed holder's claim ends with its lease, and it cannot end its successor's.</summary>
public sealed class RefreshClaimTests
{
    private static readonly StorageId Storage = new("nc");
    private static readonly HostUserId Alice = new("42");
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));

    [Theory]
    [MemberData(nameof(StoreKinds.Databases), MemberType = typeof(StoreKinds))]
    public async Task A_claim_whose_lease_ended_is_taken_over_and_its_old_holder_cannot_end_the_new_one(string kind)
    {
        await using var database = kind == "sqlite" ? await TestDatabase.SqliteAsync() : await TestDatabase.PostgresAsync();
        await using var a = database.NewContext();
        await using var b = database.NewContext();
        await using var c = database.NewContext();
        var first = new EntityFrameworkStorageTokenStore<OpenProjectStoragesDbContext>(a, timeProvider: _time);
        var second = new EntityFrameworkStorageTokenStore<OpenProjectStoragesDbContext>(b, timeProvider: _time);
        var third = new EntityFrameworkStorageTokenStore<OpenProjectStoragesDbContext>(c, timeProvider: _time);
        var stored = await first.TryWriteAsync(Storage, Alice, new StorageToken { AccessToken = "a", RefreshToken = "r", ExpiresAt = _time.GetUtcNow(), StorageUserId = "alice" }, null, _ct);
        var crashed = await first.TryClaimRefreshAsync(Storage, Alice, stored!.Version, TimeSpan.FromSeconds(35), _ct);
        Assert.Null(await second.TryClaimRefreshAsync(Storage, Alice, stored.Version, TimeSpan.FromSeconds(35), _ct));
        _time.Advance(TimeSpan.FromSeconds(36));

        var next = await second.TryClaimRefreshAsync(Storage, Alice, stored.Version, TimeSpan.FromSeconds(35), _ct);
        await crashed!.DisposeAsync();

        Assert.NotNull(next);
        Assert.Null(await third.TryClaimRefreshAsync(Storage, Alice, stored.Version, TimeSpan.FromSeconds(35), _ct));
    }
}
