using Microsoft.Extensions.DependencyInjection;
using OpenProject.Storages.Nextcloud.Tests.Hostile;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Nextcloud.Accounts.Tests;

/// <summary>
/// A token refresh against a token endpoint that drips, lies about its length, or sends a huge or
/// over-compressed body: it ends within TokenRequestTimeout with Unavailable (time) or InvalidResponse (size),
/// the stored tokens stay, and a request waiting on the shared refresh can still cancel its own wait.
/// </summary>
[Collection(nameof(HostileTokenEndpointTests))]
[CollectionDefinition(nameof(HostileTokenEndpointTests), DisableParallelization = true)]
public sealed class HostileTokenEndpointTests
{
    private const long Limit = 1024 * 1024;
    private static readonly StorageId Storage = new("nc");
    private static readonly HostUserId Alice = new("op-alice");

    [Theory]
    [InlineData(Attack.Drip)]
    [InlineData(Attack.LyingLength)]
    [InlineData(Attack.Oversized)]
    [InlineData(Attack.GzipBomb)]
    public async Task A_refresh_ends_within_its_own_bound_and_keeps_the_stored_tokens(Attack attack)
    {
        await using var server = await HostileServer.StartAsync(attack);
        var (services, store) = await CreateAsync(server.BaseAddress);
        using var _ = services;
        var provider = services.GetRequiredService<IStorageAccessTokenProvider>();
        using var safety = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var allocated = GC.GetTotalAllocatedBytes(precise: true);

        var error = await Assert.ThrowsAsync<StorageException>(() => provider.GetAccessTokenAsync(Storage, Alice, null, safety.Token).AsTask());

        var grown = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        Assert.False(safety.IsCancellationRequested, $"The refresh under {attack} did not end by itself.");
        if (attack is Attack.Drip or Attack.LyingLength)
        {
            Assert.Equal(StorageErrorCode.Unavailable, error.Code);
            Assert.Contains("timed out after 2 s", error.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(StorageErrorCode.InvalidResponse, error.Code);
        }

        Assert.Equal("refresh-1", (await store.GetAsync(Storage, Alice))!.Token.RefreshToken);
        Assert.True(grown < 24 * Limit, $"The refresh under {attack} allocated {grown / Limit} MiB.");
    }

    [Fact]
    public async Task A_request_waiting_on_a_shared_refresh_can_cancel_its_own_wait()
    {
        await using var server = await HostileServer.StartAsync(Attack.Drip);
        var (services, _) = await CreateAsync(server.BaseAddress);
        using var __ = services;
        var provider = services.GetRequiredService<IStorageAccessTokenProvider>();
        var first = provider.GetAccessTokenAsync(Storage, Alice).AsTask();
        using var impatient = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => provider.GetAccessTokenAsync(Storage, Alice, null, impatient.Token).AsTask());
        Assert.False(first.IsCompleted);

        var error = await Assert.ThrowsAsync<StorageException>(() => first);
        Assert.Equal(StorageErrorCode.Unavailable, error.Code);
    }

    private static async Task<(ServiceProvider Services, InMemoryTokenStore Store)> CreateAsync(Uri baseAddress)
    {
        var store = new InMemoryTokenStore();
        await store.TryWriteAsync(Storage, Alice, new StorageToken { AccessToken = "access-1", RefreshToken = "refresh-1", ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1), StorageUserId = "alice" }, null);
        var services = new ServiceCollection();
        services.AddSingleton<IStorageTokenStore>(store);
        services.AddNextcloudAccounts("nc");
        services.Configure<NextcloudStorageOptions>("nc", options =>
        {
            options.BaseAddress = baseAddress;
            options.OAuthClientId = "client";
            options.OAuthClientSecret = "secret";
            options.OAuthRedirectUri = new Uri("https://openproject.example.com/callback");
            options.TokenRequestTimeout = TimeSpan.FromSeconds(2);
            options.MaxResponseBodySize = Limit;
        });
        return (services.BuildServiceProvider(), store);
    }
}
