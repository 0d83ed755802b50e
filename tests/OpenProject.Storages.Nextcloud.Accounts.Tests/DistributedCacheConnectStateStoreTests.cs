using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace OpenProject.Storages.Nextcloud.Accounts.Tests;

/// <summary>Pending connect attempts in a cache two app instances share.</summary>
public sealed class DistributedCacheConnectStateStoreTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly MemoryDistributedCache _cache = new(Options.Create(new MemoryDistributedCacheOptions()));

    [Fact]
    public async Task An_attempt_added_on_one_instance_is_taken_on_another_once()
    {
        var keys = new EphemeralDataProtectionProvider();
        var first = new DistributedCacheConnectStateStore(_cache, keys);
        var second = new DistributedCacheConnectStateStore(_cache, keys);
        var pending = Pending();

        await first.AddAsync(pending, _ct);
        var taken = await second.TakeAsync("state-1", _ct);
        var again = await first.TakeAsync("state-1", _ct);

        Assert.Equal(pending, taken);
        Assert.Null(again);
        Assert.Null(await second.TakeAsync("unknown", _ct));
    }

    [Fact]
    public async Task The_verifier_is_not_in_the_cache_in_clear_when_protected()
    {
        var store = new DistributedCacheConnectStateStore(_cache, new EphemeralDataProtectionProvider());

        await store.AddAsync(Pending(), _ct);

        var raw = Encoding.UTF8.GetString((await _cache.GetAsync("OpenProject.Storages.Nextcloud.Connect:state-1", _ct))!);
        Assert.DoesNotContain("secret-verifier", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cache_that_cannot_be_reached_is_Unavailable_and_the_callers_cancellation_stays_its_own()
    {
        var broken = Substitute.For<IDistributedCache>();
        broken.GetAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).ThrowsAsync(new IOException("connection refused"));
        broken.SetAsync(Arg.Any<string>(), Arg.Any<byte[]>(), Arg.Any<DistributedCacheEntryOptions>(), Arg.Any<CancellationToken>()).ThrowsAsync(new TimeoutException());
        var store = new DistributedCacheConnectStateStore(broken);

        Assert.Equal(StorageErrorCode.Unavailable, (await Assert.ThrowsAsync<StorageException>(() => store.AddAsync(Pending(), _ct))).Code);
        Assert.Equal(StorageErrorCode.Unavailable, (await Assert.ThrowsAsync<StorageException>(() => store.TakeAsync("state-1", _ct))).Code);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new DistributedCacheConnectStateStore(_cache).TakeAsync("state-1", new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task A_verifier_protected_with_another_key_ring_is_NotConfigured()
    {
        await new DistributedCacheConnectStateStore(_cache, new EphemeralDataProtectionProvider()).AddAsync(Pending(), _ct);

        var error = await Assert.ThrowsAsync<StorageException>(() => new DistributedCacheConnectStateStore(_cache, new EphemeralDataProtectionProvider()).TakeAsync("state-1", _ct));

        Assert.Equal(StorageErrorCode.NotConfigured, error.Code);
    }

    private static PendingStorageConnect Pending() => new()
    {
        State = "state-1",
        Storage = new StorageId("nextcloud"),
        User = new HostUserId("42"),
        CodeVerifier = "secret-verifier",
        ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(10),
        ReturnUrl = "/work_packages/7",
    };
}
