
namespace OpenProject.Storages.EntityFrameworkCore.Tests.Stores;

/// <summary>What every <see cref="IStorageConnectStateStore"/> must do: an attempt is taken unused exactly once.</summary>
public sealed class ConnectStateStoreContractTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task An_attempt_is_taken_unused_once_then_seen_as_used_and_an_unknown_state_is_null(string kind)
    {
        await using var stores = await StoreSet.OpenAsync(kind);
        var pending = Pending(stores, "state-1");
        await stores.NewStates().AddAsync(pending, _ct);

        var first = await stores.NewStates().TakeAsync("state-1", _ct);
        var second = await stores.NewStates().TakeAsync("state-1", _ct);

        Assert.Equal(pending, first);
        Assert.Equal(pending with { Used = true }, second);
        Assert.Null(await stores.NewStates().TakeAsync("unknown", _ct));
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Of_ten_racing_callbacks_with_one_state_exactly_one_takes_it_unused(string kind)
    {
        await using var stores = await StoreSet.OpenAsync(kind);
        await stores.NewStates().AddAsync(Pending(stores, "state-1"), _ct);
        var callbacks = Enumerable.Range(0, 10).Select(_ => stores.NewStates()).ToList();

        var taken = await Task.WhenAll(callbacks.Select(c => Task.Run(() => c.TakeAsync("state-1", _ct), _ct)));

        Assert.Single(taken, t => t is { Used: false });
        Assert.All(taken, t => Assert.NotNull(t));
    }

    [Theory]
    [MemberData(nameof(StoreKinds.Databases), MemberType = typeof(StoreKinds))]
    public async Task Attempts_expired_for_a_quarter_of_an_hour_are_deleted_as_new_ones_come(string kind)
    {
        await using var stores = await StoreSet.OpenAsync(kind);
        await stores.NewStates().AddAsync(Pending(stores, "old"), _ct);
        stores.Time.Advance(TimeSpan.FromMinutes(10 + 15 + 1));

        await stores.NewStates().AddAsync(Pending(stores, "new"), _ct);

        Assert.Null(await stores.NewStates().TakeAsync("old", _ct));
        Assert.NotNull(await stores.NewStates().TakeAsync("new", _ct));
    }

    private static PendingStorageConnect Pending(StoreSet stores, string state) => new()
    {
        State = state,
        Storage = new StorageId("nextcloud"),
        User = new HostUserId("42"),
        CodeVerifier = "verifier-" + state,
        ExpiresAt = stores.Time.GetUtcNow().AddMinutes(10),
        ReturnUrl = "/work_packages/7",
    };
}
