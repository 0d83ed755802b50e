using static OpenProject.Storages.Testing.StoreConformance;

namespace OpenProject.Storages.Testing;

/// <summary>What every <see cref="IStorageTokenStore"/> must do: writes are compare-and-set on the version.</summary>
internal static class TokenStoreScenarios
{
    private static readonly StorageId Storage = new("nextcloud");
    private static readonly HostUserId Alice = new("42");

    public static StoreConformanceCase[] Cases =>
    [
        new("A first write stores the token and a second first write loses", FirstWriteAsync),
        new("A write with the version read wins once and a stale one changes nothing", CompareAndSetAsync),
        new("Of ten concurrent refreshes from separate instances exactly one is stored", ConcurrentAsync),
        new("Removing a stale version keeps the token another instance just rotated", StaleRemoveAsync),
        new("A write that read a token before a disconnect and a new connect does not overwrite the new token", ReconnectAsync),
        new("Of ten instances claiming the refresh of one version exactly one holds the claim until it ends it", ClaimAsync),
        new("A refresh claim names a version: a write ends it and a stale version cannot be claimed", ClaimVersionAsync),
    ];

    private static async Task FirstWriteAsync(IStoreConformanceFixture stores, CancellationToken ct)
    {
        var stored = await stores.NewTokenStore().TryWriteAsync(Storage, Alice, Token("a1", "r1"), null, ct).ConfigureAwait(false);
        var second = await stores.NewTokenStore().TryWriteAsync(Storage, Alice, Token("a2", "r2"), null, ct).ConfigureAwait(false);

        Check(stored is not null, "The first write of a user's token was refused.");
        Check(second is null, "A second first write overwrote a stored token.");
        Check(await stores.NewTokenStore().GetAsync(Storage, Alice, ct).ConfigureAwait(false) == stored, "GetAsync did not return what the first write stored.");
        Check(await stores.NewTokenStore().GetAsync(Storage, new HostUserId("43"), ct).ConfigureAwait(false) is null, "GetAsync of another user returned a token.");
    }

    private static async Task CompareAndSetAsync(IStoreConformanceFixture stores, CancellationToken ct)
    {
        var first = (await stores.NewTokenStore().TryWriteAsync(Storage, Alice, Token("a1", "r1"), null, ct).ConfigureAwait(false))!;
        var rotated = await stores.NewTokenStore().TryWriteAsync(Storage, Alice, Token("a2", "r2"), first.Version, ct).ConfigureAwait(false);
        var stale = await stores.NewTokenStore().TryWriteAsync(Storage, Alice, Token("a3", "r3"), first.Version, ct).ConfigureAwait(false);

        Check(rotated is not null && rotated.Version != first.Version, "A write with the version read was refused or kept the version.");
        Check(stale is null, "A write with a stale version was stored.");
        Check((await stores.NewTokenStore().GetAsync(Storage, Alice, ct).ConfigureAwait(false))?.Token.RefreshToken == "r2", "The stale write changed the stored token.");
    }

    private static async Task ConcurrentAsync(IStoreConformanceFixture stores, CancellationToken ct)
    {
        var read = (await stores.NewTokenStore().TryWriteAsync(Storage, Alice, Token("a0", "r0"), null, ct).ConfigureAwait(false))!;
        var writers = Enumerable.Range(0, 10).Select(_ => stores.NewTokenStore()).ToList();

        var results = await Task.WhenAll(writers.Select((w, i) => Task.Run(() => w.TryWriteAsync(Storage, Alice, Token($"a{i + 1}", $"r{i + 1}"), read.Version, ct), ct))).ConfigureAwait(false);

        var winners = results.Where(r => r is not null).ToList();
        Check(winners.Count == 1, $"{winners.Count} of ten concurrent writes with one version were stored.");
        Check((await stores.NewTokenStore().GetAsync(Storage, Alice, ct).ConfigureAwait(false))?.Token.RefreshToken == winners[0]!.Token.RefreshToken, "The stored token is not the winner's.");
    }

    private static async Task StaleRemoveAsync(IStoreConformanceFixture stores, CancellationToken ct)
    {
        var first = (await stores.NewTokenStore().TryWriteAsync(Storage, Alice, Token("a1", "r1"), null, ct).ConfigureAwait(false))!;
        var rotated = (await stores.NewTokenStore().TryWriteAsync(Storage, Alice, Token("a2", "r2"), first.Version, ct).ConfigureAwait(false))!;

        Check(!await stores.NewTokenStore().RemoveAsync(Storage, Alice, first.Version, ct).ConfigureAwait(false), "Removing a stale version removed the token.");
        Check(await stores.NewTokenStore().GetAsync(Storage, Alice, ct).ConfigureAwait(false) is not null, "Removing a stale version lost the rotated token.");
        Check(await stores.NewTokenStore().RemoveAsync(Storage, Alice, rotated.Version, ct).ConfigureAwait(false), "Removing the current version failed.");
        Check(!await stores.NewTokenStore().RemoveAsync(Storage, Alice, cancellationToken: ct).ConfigureAwait(false), "Removing a missing token returned true.");
    }

    private static async Task ReconnectAsync(IStoreConformanceFixture stores, CancellationToken ct)
    {
        var old = (await stores.NewTokenStore().TryWriteAsync(Storage, Alice, Token("a1", "r1"), null, ct).ConfigureAwait(false))!;
        await stores.NewTokenStore().RemoveAsync(Storage, Alice, cancellationToken: ct).ConfigureAwait(false);
        await stores.NewTokenStore().TryWriteAsync(Storage, Alice, Token("new", "new-refresh"), null, ct).ConfigureAwait(false);

        var late = await stores.NewTokenStore().TryWriteAsync(Storage, Alice, Token("late", "late-refresh"), old.Version, ct).ConfigureAwait(false);

        Check(late is null, "A write with a version from before the disconnect overwrote the new token.");
        Check((await stores.NewTokenStore().GetAsync(Storage, Alice, ct).ConfigureAwait(false))?.Token.RefreshToken == "new-refresh", "The new token was lost.");
    }

    private static async Task ClaimAsync(IStoreConformanceFixture stores, CancellationToken ct)
    {
        var read = (await stores.NewTokenStore().TryWriteAsync(Storage, Alice, Token("a0", "r0"), null, ct).ConfigureAwait(false))!;
        var instances = Enumerable.Range(0, 10).Select(_ => stores.NewTokenStore()).ToList();

        var claims = await Task.WhenAll(instances.Select(store => Task.Run(() => store.TryClaimRefreshAsync(Storage, Alice, read.Version, TimeSpan.FromMinutes(1), ct), ct))).ConfigureAwait(false);

        var held = claims.Where(claim => claim is not null).ToList();
        Check(held.Count == 1, $"{held.Count} of ten instances hold the refresh claim of one version.");
        Check(await stores.NewTokenStore().TryClaimRefreshAsync(Storage, Alice, read.Version, TimeSpan.FromMinutes(1), ct).ConfigureAwait(false) is null, "A held refresh claim was granted again.");
        await held[0]!.DisposeAsync().ConfigureAwait(false);
        var again = await stores.NewTokenStore().TryClaimRefreshAsync(Storage, Alice, read.Version, TimeSpan.FromMinutes(1), ct).ConfigureAwait(false);
        Check(again is not null, "An ended refresh claim could not be claimed again.");
        await again!.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task ClaimVersionAsync(IStoreConformanceFixture stores, CancellationToken ct)
    {
        var read = (await stores.NewTokenStore().TryWriteAsync(Storage, Alice, Token("a0", "r0"), null, ct).ConfigureAwait(false))!;
        var claim = await stores.NewTokenStore().TryClaimRefreshAsync(Storage, Alice, read.Version, TimeSpan.FromMinutes(1), ct).ConfigureAwait(false);
        var rotated = (await stores.NewTokenStore().TryWriteAsync(Storage, Alice, Token("a1", "r1"), read.Version, ct).ConfigureAwait(false))!;
        await claim!.DisposeAsync().ConfigureAwait(false);

        Check(await stores.NewTokenStore().TryClaimRefreshAsync(Storage, Alice, read.Version, TimeSpan.FromMinutes(1), ct).ConfigureAwait(false) is null, "A version that is no longer stored was claimed.");
        var next = await stores.NewTokenStore().TryClaimRefreshAsync(Storage, Alice, rotated.Version, TimeSpan.FromMinutes(1), ct).ConfigureAwait(false);
        Check(next is not null, "The version a write stored could not be claimed.");
        Check(await stores.NewTokenStore().TryClaimRefreshAsync(new StorageId("other"), Alice, rotated.Version, TimeSpan.FromMinutes(1), ct).ConfigureAwait(false) is null, "A claim was granted for a token that is not stored.");
        await next!.DisposeAsync().ConfigureAwait(false);
    }

    private static StorageToken Token(string access, string refresh) =>
        new() { AccessToken = access, RefreshToken = refresh, ExpiresAt = new DateTimeOffset(2026, 12, 5, 13, 0, 0, TimeSpan.Zero), StorageUserId = "alice" };
}
