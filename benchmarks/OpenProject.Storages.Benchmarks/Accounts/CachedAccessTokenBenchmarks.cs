using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenProject.Storages.Nextcloud;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Benchmarks.Accounts;

/// <summary>
/// The hot path of every user-bound Nextcloud request: a valid token already in memory. It should
/// allocate nothing. Run with:
/// <c>dotnet run -c Release --project benchmarks/OpenProject.Storages.Benchmarks -- --filter '*CachedAccessToken*' --job short</c>
/// </summary>
[MemoryDiagnoser]
public class CachedAccessTokenBenchmarks
{
    private static readonly StorageId Storage = new("nextcloud");
    private static readonly HostUserId User = new("op-alice");

    private ServiceProvider _services = null!;
    private NextcloudAccessTokenProvider _provider = null!;

    [GlobalSetup]
    public void Setup()
    {
        var store = new InMemoryTokenStore();
        store.TryWriteAsync(Storage, User, new StorageToken { AccessToken = "access", RefreshToken = "refresh", ExpiresAt = DateTimeOffset.UtcNow.AddHours(1), StorageUserId = "alice" }, null).GetAwaiter().GetResult();
        var services = new ServiceCollection();
        services.AddSingleton<IStorageTokenStore>(store);
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.Configure<NextcloudStorageOptions>(Storage.Value, o =>
        {
            o.BaseAddress = new Uri("https://cloud.example.com/");
            o.OAuthClientId = "id";
            o.OAuthClientSecret = "secret";
            o.OAuthRedirectUri = new Uri("https://op.example.com/callback");
            o.TokenCacheDuration = TimeSpan.FromHours(1);
        });
        services.AddNextcloudAccounts(Storage.Value);
        _services = services.BuildServiceProvider();
        _ = _services.GetRequiredService<IOptionsMonitor<NextcloudStorageOptions>>().Get(Storage.Value);
        _provider = _services.GetRequiredService<NextcloudAccessTokenProvider>();
        _ = _provider.GetAccessTokenAsync(Storage, User).AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true)]
    public StorageAccessToken ValidCachedToken() => Completed(_provider.GetAccessTokenAsync(Storage, User));

    [Benchmark]
    public StorageAccessToken ValidCachedTokenAfterAnOlderTokenWasRejected() =>
        Completed(_provider.GetAccessTokenAsync(Storage, User, rejectedAccessToken: "an-older-token"));

    // The cached path completes synchronously; anything else would be a regression worth failing loudly.
    private static StorageAccessToken Completed(ValueTask<StorageAccessToken> pending) =>
        pending.IsCompletedSuccessfully ? pending.Result : throw new InvalidOperationException("The cached-token path did not complete synchronously.");
}
