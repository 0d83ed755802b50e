using Microsoft.Extensions.DependencyInjection;
using OpenProject.Storages.EntityFrameworkCore.Tests.Databases;
using OpenProject.Storages.EntityFrameworkCore.Tests.Stores;
using OpenProject.Storages.Nextcloud;

namespace OpenProject.Storages.EntityFrameworkCore.Tests.Instances;

/// <summary>Two app instances on one database, with scoped EF Core stores, as behind a load balancer.</summary>
public sealed class TwoInstancesTests
{
    private static readonly StorageId Storage = new("nc");
    private static readonly HostUserId Alice = new("42");
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(StoreKinds.Databases), MemberType = typeof(StoreKinds))]
    public async Task A_hundred_requests_with_an_expired_token_on_two_instances_send_one_refresh_and_log_nobody_out(string kind)
    {
        await using var database = kind == "sqlite" ? await TestDatabase.SqliteAsync() : await TestDatabase.PostgresAsync();
        var endpoint = new RotatingTokenEndpoint("refresh-0");
        await using (var seed = database.NewContext())
        {
            var store = new EntityFrameworkStorageTokenStore<OpenProjectStoragesDbContext>(seed);
            await store.TryWriteAsync(Storage, Alice, new StorageToken { AccessToken = "access-0", RefreshToken = "refresh-0", ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1), StorageUserId = "alice" }, null, _ct);
        }

        await using var first = Instance(database, endpoint);
        await using var second = Instance(database, endpoint);
        var providers = new[] { first, second }.Select(p => p.GetRequiredService<NextcloudAccessTokenProvider>()).ToList();

        var tokens = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(async () => (await providers[i % 2].GetAccessTokenAsync(Storage, Alice, cancellationToken: _ct)).Value, _ct)));

        // One instance holds the refresh claim and asks Nextcloud once; the other waits for its write.
        Assert.Equal(1, endpoint.Requests);
        Assert.All(tokens, t => Assert.StartsWith("access-refresh-", t, StringComparison.Ordinal));
        await using var check = database.NewContext();
        var stored = await new EntityFrameworkStorageTokenStore<OpenProjectStoragesDbContext>(check).GetAsync(Storage, Alice, _ct);
        Assert.Equal(endpoint.Current, stored!.Token.RefreshToken);
    }

    private static ServiceProvider Instance(TestDatabase database, RotatingTokenEndpoint endpoint)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddScoped(_ => database.NewContext());
        services.AddNextcloudStorage("nc", options =>
        {
            options.BaseAddress = new Uri("https://cloud.invalid/");
            options.OAuthClientId = "client-id";
            options.OAuthClientSecret = "client-secret";
            options.OAuthRedirectUri = new Uri("https://app.example.com/callback");
        });
        services.AddNextcloudAccounts("nc");
        services.AddHttpClient(NextcloudAccountsHttpClient.Name).ConfigurePrimaryHttpMessageHandler(() => endpoint);
        services.AddOpenProjectStorageStores<OpenProjectStoragesDbContext>();
        services.AddSingleton<IFileLinkAuthorization>(new Testing.InMemoryFileLinkAuthorization());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }
}
