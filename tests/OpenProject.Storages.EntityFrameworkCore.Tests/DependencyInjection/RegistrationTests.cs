using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenProject.Storages.Nextcloud;

namespace OpenProject.Storages.EntityFrameworkCore.Tests.DependencyInjection;

/// <summary>A host with a scoped DbContext: one call registers the stores, and the packages' singletons use them.</summary>
public sealed class RegistrationTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_stores_on_a_scoped_context_serve_the_token_provider_and_the_accounts_with_scope_validation_on()
    {
        await using var keepAlive = new SqliteConnection($"Data Source=file:{Guid.NewGuid():N}?mode=memory&cache=shared");
        await keepAlive.OpenAsync(_ct);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<OpenProjectStoragesDbContext>(options => options.UseSqlite(keepAlive.ConnectionString));
        services.AddOpenProjectStorages().AddNextcloudStorage("nc", options =>
        {
            options.BaseAddress = new Uri("https://cloud.invalid/");
            options.OAuthClientId = "client-id";
            options.OAuthClientSecret = "client-secret";
            options.OAuthRedirectUri = new Uri("https://app.example.com/callback");
        });
        services.AddNextcloudAccounts("nc");
        services.AddSingleton<IFileLinkAuthorization>(new Testing.InMemoryFileLinkAuthorization());
        services.AddOpenProjectStorageStores<OpenProjectStoragesDbContext>();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        await using (var setup = provider.CreateAsyncScope())
        {
            await setup.ServiceProvider.GetRequiredService<OpenProjectStoragesDbContext>().Database.EnsureCreatedAsync(_ct);
            await setup.ServiceProvider.GetRequiredService<IStorageTokenStore>().TryWriteAsync(new StorageId("nc"), new HostUserId("42"), new StorageToken { AccessToken = "alice-access", RefreshToken = "r", ExpiresAt = DateTimeOffset.UtcNow.AddHours(1), StorageUserId = "alice" }, null, _ct);
        }

        var token = await provider.GetRequiredService<NextcloudAccessTokenProvider>().GetAccessTokenAsync(new StorageId("nc"), new HostUserId("42"), cancellationToken: _ct);
        var connect = await provider.GetRequiredService<NextcloudAccounts>().BeginConnectAsync(new StorageId("nc"), new HostUserId("43"), cancellationToken: _ct);

        Assert.Equal("alice-access", token.Value);
        Assert.NotNull(connect.AuthorizationUri);
        await using var check = provider.CreateAsyncScope();
        Assert.Equal(1, await check.ServiceProvider.GetRequiredService<OpenProjectStoragesDbContext>().PendingConnects.CountAsync(_ct));
        Assert.IsType<EntityFrameworkConnectStateStore<OpenProjectStoragesDbContext>>(check.ServiceProvider.GetRequiredService<IStorageConnectStateStore>());
    }
}
