using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenProject.Storages.Nextcloud.Accounts.Tests.Fakes;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Nextcloud.Accounts.Tests;

/// <summary>The Nextcloud storage tells a user's connection from the stored tokens, as the Files tab needs before any link exists.</summary>
public sealed class ConnectionStateTests
{
    private static readonly HostUserId Alice = new("op-alice");

    [Fact]
    public async Task The_storage_says_login_required_until_the_user_connects_and_again_after_a_disconnect_without_asking_Nextcloud()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 1, 32, 0, TimeSpan.Zero));
        var server = new FakeNextcloudServer(time);
        using var app = new AppInstance(server, new InMemoryTokenStore(), time, host: services =>
            services.AddNextcloudStorage(AppInstance.StorageName, options =>
            {
                options.BaseAddress = FakeNextcloudServer.Base;
                options.OAuthClientId = FakeNextcloudServer.ClientId;
                options.OAuthClientSecret = FakeNextcloudServer.ClientSecret;
                options.OAuthRedirectUri = FakeNextcloudServer.RedirectUri;
            }));
        var storage = app.Services.GetRequiredKeyedService<NextcloudFileStorage>(AppInstance.StorageName);
        var ct = TestContext.Current.CancellationToken;

        var before = await storage.GetConnectionStateAsync(Alice, ct);
        await app.ConnectAsync(Alice);
        var requestsAfterConnect = server.RefreshRequests + server.UserLookups + server.CodeExchanges;
        var connected = await storage.GetConnectionStateAsync(Alice, ct);
        await app.Accounts.DisconnectAsync(AppInstance.Storage, Alice, ct);
        var after = await storage.GetConnectionStateAsync(Alice, ct);

        Assert.Equal(StorageConnectionState.LoginRequired, before);
        Assert.Equal(StorageConnectionState.Ready, connected);
        Assert.Equal(StorageConnectionState.LoginRequired, after);
        Assert.Equal(requestsAfterConnect, server.RefreshRequests + server.UserLookups + server.CodeExchanges);
    }
}
