using Microsoft.Extensions.Time.Testing;
using OpenProject.Storages.Nextcloud.Accounts.Tests.Fakes;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Nextcloud.Accounts.Tests;

public sealed class TokenProviderTests
{
    private static readonly HostUserId Alice = new("op-alice");

    [Fact]
    public async Task A_valid_token_is_served_from_memory_as_the_same_instance()
    {
        using var app = AppInstance.Create(out _);
        await app.ConnectAsync(Alice);

        var first = await app.Tokens.GetAccessTokenAsync(AppInstance.Storage, Alice);
        var second = await app.Tokens.GetAccessTokenAsync(AppInstance.Storage, Alice);

        Assert.Same(first, second);
        Assert.Equal("alice", first.StorageUserId);
        Assert.True(app.Server.IsValidAccessToken(first.Value));
        Assert.Equal(0, app.Server.RefreshRequests);
    }

    [Fact]
    public async Task The_token_is_refreshed_once_it_is_within_the_skew_of_its_expiry()
    {
        using var app = AppInstance.Create(out var time, o => o.TokenRefreshSkew = TimeSpan.FromMinutes(5));
        await app.ConnectAsync(Alice);
        var before = await app.Tokens.GetAccessTokenAsync(AppInstance.Storage, Alice);

        time.Advance(TimeSpan.FromMinutes(54));
        Assert.Same(before, await app.Tokens.GetAccessTokenAsync(AppInstance.Storage, Alice));
        Assert.Equal(0, app.Server.RefreshRequests);

        time.Advance(TimeSpan.FromMinutes(1));
        var after = await app.Tokens.GetAccessTokenAsync(AppInstance.Storage, Alice);

        Assert.Equal(1, app.Server.RefreshRequests);
        Assert.NotEqual(before.Value, after.Value);
        Assert.False(app.Server.IsValidAccessToken(before.Value));
        Assert.True(app.Server.IsValidAccessToken(after.Value));
        var stored = await app.Store.GetAsync(AppInstance.Storage, Alice);
        Assert.Equal(after.Value, stored!.Token.AccessToken);
        Assert.Equal(time.GetUtcNow().AddHours(1), stored.Token.ExpiresAt);
    }

    [Fact]
    public async Task The_rotated_refresh_token_is_kept_so_every_later_refresh_works()
    {
        using var app = AppInstance.Create(out var time);
        await app.ConnectAsync(Alice);

        for (var i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromHours(1));
            var token = await app.Tokens.GetAccessTokenAsync(AppInstance.Storage, Alice);
            Assert.True(app.Server.IsValidAccessToken(token.Value));
        }

        Assert.Equal(5, app.Server.RefreshRequests);
    }

    [Fact]
    public async Task A_rejected_current_token_is_refreshed_and_a_rejected_old_one_is_not()
    {
        using var app = AppInstance.Create(out _);
        await app.ConnectAsync(Alice);
        var current = await app.Tokens.GetAccessTokenAsync(AppInstance.Storage, Alice);

        var fresh = await app.Tokens.GetAccessTokenAsync(AppInstance.Storage, Alice, rejectedAccessToken: current.Value);
        var again = await app.Tokens.GetAccessTokenAsync(AppInstance.Storage, Alice, rejectedAccessToken: current.Value);

        Assert.NotEqual(current.Value, fresh.Value);
        Assert.Same(fresh, again);
        Assert.Equal(1, app.Server.RefreshRequests);
    }

    [Fact]
    public async Task A_hundred_concurrent_calls_with_an_expired_token_make_exactly_one_refresh()
    {
        using var app = AppInstance.Create(out var time);
        await app.ConnectAsync(Alice);
        time.Advance(TimeSpan.FromHours(2));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Server.TokenEndpointGate = gate;

        var calls = Enumerable.Range(0, 100).Select(_ => Task.Run(async () => await app.Tokens.GetAccessTokenAsync(AppInstance.Storage, Alice))).ToArray();
        while (app.Server.RefreshRequests == 0)
        {
            await Task.Delay(5);
        }

        await Task.Delay(100);
        gate.SetResult();
        var tokens = await Task.WhenAll(calls);

        Assert.Equal(1, app.Server.RefreshRequests);
        Assert.Single(tokens.Select(t => t.Value).Distinct());
        Assert.True(app.Server.IsValidAccessToken(tokens[0].Value));
    }

    [Fact]
    public async Task Two_app_instances_sharing_one_store_log_nobody_out_and_every_call_gets_a_valid_token()
    {
        var time = TimeProvider.System;
        var server = new FakeNextcloudServer(time) { TokenLatency = TimeSpan.FromMilliseconds(30) };
        var store = new InMemoryTokenStore();
        using var first = new AppInstance(server, store, time, configure: o => o.RefreshConflictGracePeriod = TimeSpan.FromSeconds(5));
        using var second = new AppInstance(server, store, time, configure: o => o.RefreshConflictGracePeriod = TimeSpan.FromSeconds(5));
        var users = Enumerable.Range(0, 5).Select(i => new HostUserId($"user-{i}")).ToArray();
        foreach (var user in users)
        {
            var expired = server.IssueSession(user.Value) with { ExpiresAt = time.GetUtcNow().AddMinutes(-1) };
            await store.TryWriteAsync(AppInstance.Storage, user, expired, null);
        }

        var calls = users.SelectMany(user => Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            var instance = i % 2 == 0 ? first : second;
            return (user, token: await instance.Tokens.GetAccessTokenAsync(AppInstance.Storage, user));
        }))).ToArray();
        var results = await Task.WhenAll(calls);

        foreach (var (user, token) in results)
        {
            Assert.True(server.IsValidAccessToken(token.Value), $"{user} got a dead token");
            Assert.Equal(user.Value, token.StorageUserId);
        }

        foreach (var user in users)
        {
            var stored = await store.GetAsync(AppInstance.Storage, user);
            Assert.NotNull(stored);
            Assert.True(server.IsValidAccessToken(stored.Token.AccessToken));
            Assert.Equal(StorageConnectionState.Ready, await first.Accounts.GetConnectionStateAsync(AppInstance.Storage, user));
        }

        // Each instance refreshes each user at most once; the loser of each race reads the winner's tokens.
        Assert.InRange(server.RefreshRequests, users.Length, users.Length * 2);
        Assert.Contains(first.Logs.Entries.Concat(second.Logs.Entries), entry => entry.Contains(" 4121 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_loser_of_a_rotation_race_waits_for_the_winner_to_store_its_tokens()
    {
        var time = TimeProvider.System;
        var server = new FakeNextcloudServer(time);
        var store = new InMemoryTokenStore();
        using var app = new AppInstance(server, store, time, configure: o => o.RefreshConflictGracePeriod = TimeSpan.FromSeconds(5));
        var old = server.IssueSession("alice") with { ExpiresAt = time.GetUtcNow().AddMinutes(-1) };
        var version = (await store.TryWriteAsync(AppInstance.Storage, Alice, old, null))!.Version;

        // Another instance has rotated the refresh token at Nextcloud but stores the result only a moment later.
        var rotated = server.RefreshDirectly(old.RefreshToken!)!;
        var winnerWrites = Task.Run(async () =>
        {
            await Task.Delay(300);
            await store.TryWriteAsync(AppInstance.Storage, Alice, rotated, version);
        });

        var token = await app.Tokens.GetAccessTokenAsync(AppInstance.Storage, Alice);
        await winnerWrites;

        Assert.Equal(rotated.AccessToken, token.Value);
        Assert.Equal(rotated.RefreshToken, (await store.GetAsync(AppInstance.Storage, Alice))!.Token.RefreshToken);
    }

    [Fact]
    public async Task A_refresh_that_loses_the_store_write_uses_the_token_written_meanwhile()
    {
        using var app = AppInstance.Create(out var time);
        await app.ConnectAsync(Alice);
        time.Advance(TimeSpan.FromHours(2));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Server.TokenEndpointGate = gate;

        var call = app.Tokens.GetAccessTokenAsync(AppInstance.Storage, Alice).AsTask();
        while (app.Server.RefreshRequests == 0)
        {
            await Task.Delay(5);
        }

        // The user reconnects (for example in another tab) while the refresh is in flight.
        var reconnected = app.Server.IssueSession("alice");
        var current = await app.Store.GetAsync(AppInstance.Storage, Alice);
        await app.Store.TryWriteAsync(AppInstance.Storage, Alice, reconnected, current!.Version);
        gate.SetResult();

        Assert.Equal(reconnected.AccessToken, (await call).Value);
        Assert.Equal(reconnected.AccessToken, (await app.Store.GetAsync(AppInstance.Storage, Alice))!.Token.AccessToken);
    }

    [Theory]
    [InlineData(TokenFault.NetworkError, null)]
    [InlineData(TokenFault.ServerError, 503)]
    [InlineData(TokenFault.Timeout, null)]
    public async Task A_refresh_that_cannot_reach_Nextcloud_keeps_the_tokens_and_reports_no_connection(TokenFault fault, int? status)
    {
        using var app = AppInstance.Create(out var time);
        await app.ConnectAsync(Alice);
        var before = await app.Store.GetAsync(AppInstance.Storage, Alice);
        time.Advance(TimeSpan.FromHours(2));
        app.Server.FailNextTokenRequest(fault);

        var error = await Assert.ThrowsAsync<StorageException>(async () => await app.Tokens.GetAccessTokenAsync(AppInstance.Storage, Alice));

        Assert.Equal(StorageErrorCode.Unavailable, error.Code);
        Assert.Equal(status, error.HttpStatus);
        Assert.Equal(before, await app.Store.GetAsync(AppInstance.Storage, Alice));
        Assert.Equal(StorageConnectionState.NoConnection, await app.Accounts.GetConnectionStateAsync(AppInstance.Storage, Alice));

        // Once Nextcloud is back, the kept refresh token still works.
        var token = await app.Tokens.GetAccessTokenAsync(AppInstance.Storage, Alice);
        Assert.True(app.Server.IsValidAccessToken(token.Value));
        Assert.Equal(StorageConnectionState.Ready, await app.Accounts.GetConnectionStateAsync(AppInstance.Storage, Alice));
    }

    [Theory]
    [InlineData(TokenFault.InvalidClient)]
    [InlineData(TokenFault.HtmlPage)]
    public async Task A_refresh_refused_for_the_client_keeps_the_tokens_and_is_not_configured(TokenFault fault)
    {
        using var app = AppInstance.Create(out var time);
        await app.ConnectAsync(Alice);
        var before = await app.Store.GetAsync(AppInstance.Storage, Alice);
        time.Advance(TimeSpan.FromHours(2));
        app.Server.FailNextTokenRequest(fault);

        var error = await Assert.ThrowsAsync<StorageException>(async () => await app.Tokens.GetAccessTokenAsync(AppInstance.Storage, Alice));

        Assert.Equal(StorageErrorCode.NotConfigured, error.Code);
        Assert.Equal(before, await app.Store.GetAsync(AppInstance.Storage, Alice));
    }

    [Fact]
    public async Task Invalid_grant_removes_the_tokens_and_requires_login()
    {
        using var app = AppInstance.Create(out var time);
        await app.ConnectAsync(Alice);
        time.Advance(TimeSpan.FromHours(2));
        app.Server.FailNextTokenRequest(TokenFault.InvalidGrant);

        var error = await Assert.ThrowsAsync<StorageException>(async () => await app.Tokens.GetAccessTokenAsync(AppInstance.Storage, Alice));

        Assert.Equal(StorageErrorCode.Unauthorized, error.Code);
        Assert.Equal("invalid_grant", error.Detail);
        Assert.Null(await app.Store.GetAsync(AppInstance.Storage, Alice));
        Assert.Equal(StorageConnectionState.LoginRequired, await app.Accounts.GetConnectionStateAsync(AppInstance.Storage, Alice));
    }

    [Fact]
    public async Task A_refresh_token_Nextcloud_no_longer_knows_removes_the_tokens_after_the_grace_period()
    {
        using var app = AppInstance.Create(out var time);
        await app.ConnectAsync(Alice);
        var stored = await app.Store.GetAsync(AppInstance.Storage, Alice);
        app.Server.RefreshDirectly(stored!.Token.RefreshToken!); // rotated by someone who never stored it
        time.Advance(TimeSpan.FromHours(2));

        var error = await Assert.ThrowsAsync<StorageException>(async () => await app.Tokens.GetAccessTokenAsync(AppInstance.Storage, Alice));

        Assert.Equal(StorageErrorCode.Unauthorized, error.Code);
        Assert.Equal("invalid_request", error.Detail);
        Assert.Null(await app.Store.GetAsync(AppInstance.Storage, Alice));
    }

    [Fact]
    public async Task Removing_after_a_refused_refresh_spares_a_token_written_meanwhile()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var server = new FakeNextcloudServer(time);
        var store = new InterleavingStore(new InMemoryTokenStore());
        using var app = new AppInstance(server, store, time);
        var old = server.IssueSession("alice") with { ExpiresAt = time.GetUtcNow().AddMinutes(-1) };
        await store.TryWriteAsync(AppInstance.Storage, Alice, old, null);
        server.FailNextTokenRequest(TokenFault.InvalidGrant);
        var reconnected = server.IssueSession("alice");
        store.BeforeRemove = async () =>
        {
            var current = await store.Inner.GetAsync(AppInstance.Storage, Alice);
            await store.Inner.TryWriteAsync(AppInstance.Storage, Alice, reconnected, current!.Version);
        };

        await Assert.ThrowsAsync<StorageException>(async () => await app.Tokens.GetAccessTokenAsync(AppInstance.Storage, Alice));

        Assert.Equal(reconnected.AccessToken, (await store.GetAsync(AppInstance.Storage, Alice))!.Token.AccessToken);
    }

    [Fact]
    public async Task A_user_who_never_connected_must_log_in()
    {
        using var app = AppInstance.Create(out _);

        var error = await Assert.ThrowsAsync<StorageException>(async () => await app.Tokens.GetAccessTokenAsync(AppInstance.Storage, Alice));

        Assert.Equal(StorageErrorCode.Unauthorized, error.Code);
        Assert.Equal(StorageConnectionState.LoginRequired, await app.Accounts.GetConnectionStateAsync(AppInstance.Storage, Alice));
    }

    [Fact]
    public async Task Asking_for_the_connection_state_changes_nothing()
    {
        using var app = AppInstance.Create(out var time);
        await app.ConnectAsync(Alice);
        var before = await app.Store.GetAsync(AppInstance.Storage, Alice);
        time.Advance(TimeSpan.FromHours(2));

        Assert.Equal(StorageConnectionState.Ready, await app.Accounts.GetConnectionStateAsync(AppInstance.Storage, Alice));

        Assert.Equal(0, app.Server.RefreshRequests);
        Assert.Equal(before, await app.Store.GetAsync(AppInstance.Storage, Alice));
    }

    [Fact]
    public async Task An_expired_token_without_refresh_token_requires_login()
    {
        using var app = AppInstance.Create(out var time);
        await app.Store.TryWriteAsync(AppInstance.Storage, Alice, new StorageToken { AccessToken = "a", ExpiresAt = time.GetUtcNow().AddMinutes(-1), StorageUserId = "alice" }, null);

        Assert.Equal(StorageConnectionState.LoginRequired, await app.Accounts.GetConnectionStateAsync(AppInstance.Storage, Alice));
        var error = await Assert.ThrowsAsync<StorageException>(async () => await app.Tokens.GetAccessTokenAsync(AppInstance.Storage, Alice));
        Assert.Equal(StorageErrorCode.Unauthorized, error.Code);
    }

    [Fact]
    public async Task Disconnecting_requires_login_afterwards_and_reconnecting_works()
    {
        using var app = AppInstance.Create(out _);
        await app.ConnectAsync(Alice);
        await app.Tokens.GetAccessTokenAsync(AppInstance.Storage, Alice);

        Assert.True(await app.Accounts.DisconnectAsync(AppInstance.Storage, Alice));

        Assert.Null(await app.Store.GetAsync(AppInstance.Storage, Alice));
        Assert.Equal(StorageConnectionState.LoginRequired, await app.Accounts.GetConnectionStateAsync(AppInstance.Storage, Alice));
        var error = await Assert.ThrowsAsync<StorageException>(async () => await app.Tokens.GetAccessTokenAsync(AppInstance.Storage, Alice));
        Assert.Equal(StorageErrorCode.Unauthorized, error.Code);
        Assert.False(await app.Accounts.DisconnectAsync(AppInstance.Storage, Alice));

        await app.ConnectAsync(Alice);
        var token = await app.Tokens.GetAccessTokenAsync(AppInstance.Storage, Alice);
        Assert.True(app.Server.IsValidAccessToken(token.Value));
        Assert.Equal(StorageConnectionState.Ready, await app.Accounts.GetConnectionStateAsync(AppInstance.Storage, Alice));
    }

    [Fact]
    public async Task Another_instance_s_disconnect_is_seen_within_the_cache_duration()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var server = new FakeNextcloudServer(time);
        var store = new InMemoryTokenStore();
        using var first = new AppInstance(server, store, time, configure: o => o.TokenCacheDuration = TimeSpan.FromSeconds(30));
        using var second = new AppInstance(server, store, time);
        await first.ConnectAsync(Alice);
        await first.Tokens.GetAccessTokenAsync(AppInstance.Storage, Alice);

        await second.Accounts.DisconnectAsync(AppInstance.Storage, Alice);
        time.Advance(TimeSpan.FromSeconds(30));

        await Assert.ThrowsAsync<StorageException>(async () => await first.Tokens.GetAccessTokenAsync(AppInstance.Storage, Alice));
    }

    [Fact]
    public async Task Reconnecting_replaces_the_earlier_tokens()
    {
        using var app = AppInstance.Create(out _);
        await app.ConnectAsync(Alice);
        var first = await app.Tokens.GetAccessTokenAsync(AppInstance.Storage, Alice);

        await app.ConnectAsync(Alice);
        var second = await app.Tokens.GetAccessTokenAsync(AppInstance.Storage, Alice);

        Assert.NotEqual(first.Value, second.Value);
    }

    /// <summary>A token store that lets a test act between the provider's read and its conditional remove.</summary>
    private sealed class InterleavingStore(IStorageTokenStore inner) : IStorageTokenStore
    {
        public IStorageTokenStore Inner { get; } = inner;

        public Func<Task>? BeforeRemove { get; set; }

        public Task<StoredStorageToken?> GetAsync(StorageId storage, HostUserId user, CancellationToken cancellationToken = default) => Inner.GetAsync(storage, user, cancellationToken);

        public Task<StoredStorageToken?> TryWriteAsync(StorageId storage, HostUserId user, StorageToken token, long? expectedVersion, CancellationToken cancellationToken = default) =>
            Inner.TryWriteAsync(storage, user, token, expectedVersion, cancellationToken);

        public async Task<bool> RemoveAsync(StorageId storage, HostUserId user, long? expectedVersion = null, CancellationToken cancellationToken = default)
        {
            if (BeforeRemove is { } before)
            {
                await before();
            }

            return await Inner.RemoveAsync(storage, user, expectedVersion, cancellationToken);
        }
    }
}
