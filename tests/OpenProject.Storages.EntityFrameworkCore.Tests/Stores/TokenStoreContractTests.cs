namespace OpenProject.Storages.EntityFrameworkCore.Tests.Stores;

/// <summary>What every <see cref="IStorageTokenStore"/> must do: writes are compare-and-set on the version.</summary>
public sealed class TokenStoreContractTests
{
    private static readonly StorageId Nextcloud = new("nextcloud");
    private static readonly HostUserId Alice = new("42");
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task A_first_write_stores_the_token_and_a_second_first_write_loses(string kind)
    {
        await using var stores = await StoreSet.OpenAsync(kind);

        var stored = await stores.NewTokens().TryWriteAsync(Nextcloud, Alice, Token("a1", "r1"), expectedVersion: null, _ct);
        var second = await stores.NewTokens().TryWriteAsync(Nextcloud, Alice, Token("a2", "r2"), expectedVersion: null, _ct);

        Assert.NotNull(stored);
        Assert.Null(second);
        Assert.Equal(stored, await stores.NewTokens().GetAsync(Nextcloud, Alice, _ct));
        Assert.Null(await stores.NewTokens().GetAsync(Nextcloud, new HostUserId("43"), _ct));
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task A_write_with_the_version_read_wins_once_and_a_stale_one_changes_nothing(string kind)
    {
        await using var stores = await StoreSet.OpenAsync(kind);
        var first = (await stores.NewTokens().TryWriteAsync(Nextcloud, Alice, Token("a1", "r1"), null, _ct))!;

        var rotated = await stores.NewTokens().TryWriteAsync(Nextcloud, Alice, Token("a2", "r2"), first.Version, _ct);
        var stale = await stores.NewTokens().TryWriteAsync(Nextcloud, Alice, Token("a3", "r3"), first.Version, _ct);

        Assert.NotNull(rotated);
        Assert.NotEqual(first.Version, rotated.Version);
        Assert.Null(stale);
        Assert.Equal("r2", (await stores.NewTokens().GetAsync(Nextcloud, Alice, _ct))!.Token.RefreshToken);
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Of_ten_concurrent_refreshes_from_separate_instances_exactly_one_is_stored(string kind)
    {
        await using var stores = await StoreSet.OpenAsync(kind);
        var read = (await stores.NewTokens().TryWriteAsync(Nextcloud, Alice, Token("a0", "r0"), null, _ct))!;
        var writers = Enumerable.Range(0, 10).Select(_ => stores.NewTokens()).ToList();

        var results = await Task.WhenAll(writers.Select((w, i) => Task.Run(() => w.TryWriteAsync(Nextcloud, Alice, Token($"a{i + 1}", $"r{i + 1}"), read.Version, _ct), _ct)));

        var winner = Assert.Single(results, r => r is not null);
        Assert.Equal(winner!.Token.RefreshToken, (await stores.NewTokens().GetAsync(Nextcloud, Alice, _ct))!.Token.RefreshToken);
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Removing_a_stale_version_keeps_the_token_another_instance_just_rotated(string kind)
    {
        await using var stores = await StoreSet.OpenAsync(kind);
        var first = (await stores.NewTokens().TryWriteAsync(Nextcloud, Alice, Token("a1", "r1"), null, _ct))!;
        var rotated = (await stores.NewTokens().TryWriteAsync(Nextcloud, Alice, Token("a2", "r2"), first.Version, _ct))!;

        Assert.False(await stores.NewTokens().RemoveAsync(Nextcloud, Alice, first.Version, _ct));
        Assert.NotNull(await stores.NewTokens().GetAsync(Nextcloud, Alice, _ct));
        Assert.True(await stores.NewTokens().RemoveAsync(Nextcloud, Alice, rotated.Version, _ct));
        Assert.False(await stores.NewTokens().RemoveAsync(Nextcloud, Alice, cancellationToken: _ct));
        Assert.Null(await stores.NewTokens().GetAsync(Nextcloud, Alice, _ct));
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task A_write_that_read_a_token_before_a_disconnect_and_reconnect_does_not_overwrite_the_new_one(string kind)
    {
        await using var stores = await StoreSet.OpenAsync(kind);
        var old = (await stores.NewTokens().TryWriteAsync(Nextcloud, Alice, Token("a1", "r1"), null, _ct))!;
        await stores.NewTokens().RemoveAsync(Nextcloud, Alice, cancellationToken: _ct);
        await stores.NewTokens().TryWriteAsync(Nextcloud, Alice, Token("new", "new-refresh"), null, _ct);

        var late = await stores.NewTokens().TryWriteAsync(Nextcloud, Alice, Token("late", "late-refresh"), old.Version, _ct);

        Assert.Null(late);
        Assert.Equal("new-refresh", (await stores.NewTokens().GetAsync(Nextcloud, Alice, _ct))!.Token.RefreshToken);
    }

    private static StorageToken Token(string access, string refresh) =>
        new() { AccessToken = access, RefreshToken = refresh, ExpiresAt = new DateTimeOffset(2026, 12, 5, 13, 0, 0, TimeSpan.Zero), StorageUserId = "alice" };
}
