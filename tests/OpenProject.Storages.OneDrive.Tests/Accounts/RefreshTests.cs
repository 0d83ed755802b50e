using OpenProject.Storages.OneDrive.Tests.StandIn;

namespace OpenProject.Storages.OneDrive.Tests.Accounts;

/// <summary>Refreshing a connected user's token through the shared refresher and Entra ID's rotating refresh tokens.</summary>
public sealed class RefreshTests
{
    private static readonly HostUserId Alice = new("op-alice");

    [Fact]
    public async Task An_expired_token_is_refreshed_once_and_the_rotated_refresh_token_is_stored()
    {
        using var app = new OneDriveAccountsApp();
        var cancellationToken = TestContext.Current.CancellationToken;
        await app.ConnectAsync(Alice, "Alice Example");
        var before = await app.StoredAsync(Alice);

        app.Time.Advance(TimeSpan.FromHours(1));
        await app.OneDrive.ListFolderAsync(StorageActor.ForUser(Alice), StoragePath.Root, cancellationToken);
        await app.OneDrive.ListFolderAsync(StorageActor.ForUser(Alice), StoragePath.Root, cancellationToken);

        var after = await app.StoredAsync(Alice);
        Assert.Equal(1, app.Server.UserRefreshRequests);
        Assert.NotEqual(before.AccessToken, after.AccessToken);
        Assert.NotEqual(before.RefreshToken, after.RefreshToken);
        Assert.False(app.Server.Accepts(before.RefreshToken!));
        Assert.True(app.Server.Accepts(after.RefreshToken!));
        Assert.Equal(before.StorageUserId, after.StorageUserId);
        Assert.Equal(app.Time.GetUtcNow().AddSeconds(3599), after.ExpiresAt);
    }

    [Fact]
    public async Task Concurrent_requests_of_a_user_with_an_expired_token_refresh_once()
    {
        using var app = new OneDriveAccountsApp();
        var cancellationToken = TestContext.Current.CancellationToken;
        await app.ConnectAsync(Alice, "Alice Example");
        app.Server.AddFolder(StoragePath.Parse("/A"));
        app.Server.AddFolder(StoragePath.Parse("/B"));
        app.Time.Advance(TimeSpan.FromHours(1));
        app.Server.UserTokenDelay = TimeSpan.FromMilliseconds(300);

        var actor = StorageActor.ForUser(Alice);
        var listings = await Task.WhenAll(
            Enumerable.Range(0, 8).Select(i => app.OneDrive.ListFolderAsync(actor, StoragePath.Parse(i % 2 == 0 ? "/A" : "/B"), cancellationToken)));

        Assert.Equal(8, listings.Length);
        Assert.Equal(1, app.Server.UserRefreshRequests);
    }

    [Fact]
    public async Task A_token_Graph_rejects_before_it_expires_is_refreshed_and_the_request_succeeds()
    {
        using var app = new OneDriveAccountsApp();
        var cancellationToken = TestContext.Current.CancellationToken;
        await app.ConnectAsync(Alice, "Alice Example");
        var before = await app.StoredAsync(Alice);
        app.Server.RevokeToken(before.AccessToken);

        var listing = await app.OneDrive.ListFolderAsync(StorageActor.ForUser(Alice), StoragePath.Root, cancellationToken);

        Assert.NotNull(listing);
        Assert.Equal(1, app.Server.UserRefreshRequests);
        Assert.NotEqual(before.AccessToken, (await app.StoredAsync(Alice)).AccessToken);
    }

    [Fact]
    public async Task A_refused_refresh_removes_the_token_and_asks_for_a_login_without_any_token_in_messages_or_logs()
    {
        using var app = new OneDriveAccountsApp();
        var cancellationToken = TestContext.Current.CancellationToken;
        await app.ConnectAsync(Alice, "Alice Example");
        var before = await app.StoredAsync(Alice);
        app.Server.RevokeGrants("Alice Example");
        app.Time.Advance(TimeSpan.FromHours(1));

        var refused = await Assert.ThrowsAsync<StorageException>(() => app.OneDrive.ListFolderAsync(StorageActor.ForUser(Alice), StoragePath.Root, cancellationToken));

        Assert.Equal(StorageErrorCode.Unauthorized, refused.Code);
        Assert.Contains("Login to OneDrive required", refused.Message, StringComparison.Ordinal);
        Assert.Equal("invalid_grant AADSTS50173", refused.Detail);
        Assert.Null(await app.Tokens.GetAsync(OneDriveAccountsApp.Storage, Alice, cancellationToken));
        Assert.Equal(StorageConnectionState.LoginRequired, await app.OneDrive.GetConnectionStateAsync(Alice, cancellationToken));
        var secrets = new[] { before.AccessToken, before.RefreshToken!, StatefulGraph.ClientSecret };
        var logs = app.Logs.GetSnapshot();
        Assert.Contains(logs, record => record.Id.Name == "StorageRefreshTokenRefused" && record.GetStructuredStateValue("Provider") == "OneDrive");
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, refused.ToString(), StringComparison.Ordinal);
            Assert.All(logs, record => Assert.DoesNotContain(secret, record.Message + record.Exception, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_refresh_that_cannot_reach_Entra_keeps_the_tokens_and_shows_no_connection_until_it_works()
    {
        using var app = new OneDriveAccountsApp();
        var cancellationToken = TestContext.Current.CancellationToken;
        await app.ConnectAsync(Alice, "Alice Example");
        var before = await app.StoredAsync(Alice);
        app.Time.Advance(TimeSpan.FromHours(1));
        app.Server.FailUserTokenRequests(1);

        var failed = await Assert.ThrowsAsync<StorageException>(() => app.OneDrive.ListFolderAsync(StorageActor.ForUser(Alice), StoragePath.Root, cancellationToken));

        Assert.Equal(StorageErrorCode.Unavailable, failed.Code);
        Assert.Equal(before, await app.StoredAsync(Alice));
        Assert.Equal(StorageConnectionState.NoConnection, await app.OneDrive.GetConnectionStateAsync(Alice, cancellationToken));

        await app.OneDrive.ListFolderAsync(StorageActor.ForUser(Alice), StoragePath.Root, cancellationToken);
        Assert.Equal(StorageConnectionState.Ready, await app.OneDrive.GetConnectionStateAsync(Alice, cancellationToken));
        Assert.Equal(2, app.Server.UserRefreshRequests);
    }

    [Fact]
    public async Task Two_app_instances_sharing_the_token_store_refresh_once()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero));
        var server = new StatefulGraph(new Uri("https://graph.microsoft.com/v1.0/"));
        var store = new OpenProject.Storages.Testing.InMemoryTokenStore(time);
        using var first = new OneDriveAccountsApp(server, store, time);
        using var second = new OneDriveAccountsApp(server, store, time);
        var cancellationToken = TestContext.Current.CancellationToken;
        await first.ConnectAsync(Alice, "Alice Example");
        time.Advance(TimeSpan.FromHours(1));

        await first.OneDrive.ListFolderAsync(StorageActor.ForUser(Alice), StoragePath.Root, cancellationToken);
        await second.OneDrive.ListFolderAsync(StorageActor.ForUser(Alice), StoragePath.Root, cancellationToken);

        // The second instance read the first one's rotated token instead of refreshing with the spent refresh token.
        Assert.Equal(1, server.UserRefreshRequests);
        Assert.Equal(StorageConnectionState.Ready, await second.OneDrive.GetConnectionStateAsync(Alice, cancellationToken));
    }
}
