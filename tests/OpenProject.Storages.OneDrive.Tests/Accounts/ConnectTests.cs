using OpenProject.Storages.OneDrive.Tests.StandIn;

namespace OpenProject.Storages.OneDrive.Tests.Accounts;

/// <summary>Connecting a user's OneDrive account: authorization code with PKCE against the stand-in's Entra ID.</summary>
public sealed class ConnectTests
{
    private static readonly HostUserId Alice = new("op-alice");

    [Fact]
    public async Task Connecting_sends_the_browser_to_Entra_with_a_PKCE_challenge_and_a_state_and_stores_the_tokens()
    {
        using var app = new OneDriveAccountsApp();
        var cancellationToken = TestContext.Current.CancellationToken;
        Assert.Equal(StorageConnectionState.LoginRequired, await app.OneDrive.GetConnectionStateAsync(Alice, cancellationToken));

        var request = await app.Accounts.BeginConnectAsync(OneDriveAccountsApp.Storage, Alice, "/work_packages/42", cancellationToken);

        var authorize = request.AuthorizationUri;
        Assert.Equal($"https://login.microsoftonline.com/{StatefulGraph.TenantId}/oauth2/v2.0/authorize", authorize.GetLeftPart(UriPartial.Path));
        var query = System.Web.HttpUtility.ParseQueryString(authorize.Query);
        Assert.Equal(StatefulGraph.ClientId, query["client_id"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal(StatefulGraph.RedirectUri, query["redirect_uri"]);
        Assert.Equal("https://graph.microsoft.com/.default offline_access", query["scope"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(43, query["code_challenge"]!.Length);
        Assert.Equal(43, query["state"]!.Length);
        Assert.DoesNotContain(StatefulGraph.ClientSecret, authorize.AbsoluteUri, StringComparison.Ordinal);
        Assert.DoesNotContain(query["state"]!, request.ToString(), StringComparison.Ordinal);

        var callback = app.Server.SignIn(authorize, "Alice Example");
        var connection = await app.Accounts.CompleteConnectAsync(Alice, StorageConnectCallback.FromUrl(callback), cancellationToken);

        Assert.Equal(app.Server.ObjectIdOf("Alice Example"), connection.StorageUserId);
        Assert.Equal("/work_packages/42", connection.ReturnUrl);
        var stored = await app.StoredAsync(Alice);
        Assert.Equal(connection.StorageUserId, stored.StorageUserId);
        Assert.True(app.Server.Accepts(stored.RefreshToken!));
        Assert.Equal(app.Time.GetUtcNow().AddSeconds(3599), stored.ExpiresAt);
        Assert.Equal(StorageConnectionState.Ready, await app.OneDrive.GetConnectionStateAsync(Alice, cancellationToken));

        // The stored token is Alice's Graph token: the Files tab and the picker work with it.
        app.Server.AddFolder(StoragePath.Parse("/Project A"));
        var listing = await app.OneDrive.ListFolderAsync(StorageActor.ForUser(Alice), StoragePath.Root, cancellationToken);
        Assert.Contains(listing.Children, item => item.Name == "Project A");
    }

    [Fact]
    public async Task A_callback_works_once()
    {
        using var app = new OneDriveAccountsApp();
        var cancellationToken = TestContext.Current.CancellationToken;
        var request = await app.Accounts.BeginConnectAsync(OneDriveAccountsApp.Storage, Alice, cancellationToken: cancellationToken);
        var callback = StorageConnectCallback.FromUrl(app.Server.SignIn(request.AuthorizationUri, "Alice Example"));
        await app.Accounts.CompleteConnectAsync(Alice, callback, cancellationToken);

        var replay = await Assert.ThrowsAsync<StorageException>(() => app.Accounts.CompleteConnectAsync(Alice, callback, cancellationToken));

        Assert.Equal(OneDriveAccountErrorCodes.Callback.StateReused, replay.Code);
        Assert.Equal("OneDrive.Connect.StateReused", replay.Code.Value);
        Assert.Equal(1, app.Server.CodeExchanges);
    }

    [Fact]
    public async Task A_code_whose_challenge_is_not_the_verifiers_is_refused_by_Entra()
    {
        using var app = new OneDriveAccountsApp();
        var cancellationToken = TestContext.Current.CancellationToken;
        var request = await app.Accounts.BeginConnectAsync(OneDriveAccountsApp.Storage, Alice, cancellationToken: cancellationToken);

        // An attacker's code, obtained with their own challenge, injected into Alice's callback.
        var callback = app.Server.SignIn(request.AuthorizationUri, "Mallory", tamperedChallenge: new string('A', 43));
        var refused = await Assert.ThrowsAsync<StorageException>(() => app.Accounts.CompleteConnectAsync(Alice, StorageConnectCallback.FromUrl(callback), cancellationToken));

        Assert.Equal(OneDriveAccountErrorCodes.InvalidGrant, refused.Code);
        Assert.Equal("invalid_grant AADSTS501481", refused.Detail);
        Assert.Null(await app.Tokens.GetAsync(OneDriveAccountsApp.Storage, Alice, cancellationToken));
    }

    [Fact]
    public async Task A_user_who_declines_consent_is_told_so_and_nothing_is_stored()
    {
        using var app = new OneDriveAccountsApp();
        var cancellationToken = TestContext.Current.CancellationToken;
        var request = await app.Accounts.BeginConnectAsync(OneDriveAccountsApp.Storage, Alice, cancellationToken: cancellationToken);

        var callback = app.Server.SignIn(request.AuthorizationUri, "Alice Example", declines: true);
        var refused = await Assert.ThrowsAsync<StorageException>(() => app.Accounts.CompleteConnectAsync(Alice, StorageConnectCallback.FromUrl(callback), cancellationToken));

        Assert.Equal(OneDriveAccountErrorCodes.Callback.AuthorizationFailed, refused.Code);
        Assert.Equal("access_denied", refused.Detail);
        Assert.Equal(0, app.Server.CodeExchanges);
        Assert.Null(await app.Tokens.GetAsync(OneDriveAccountsApp.Storage, Alice, cancellationToken));
    }

    [Fact]
    public async Task A_wrong_client_secret_fails_the_exchange_as_the_administrators_problem_without_the_secret_in_the_message()
    {
        using var app = new OneDriveAccountsApp(configure: options => options.ClientSecret = "an-old~secret");
        var cancellationToken = TestContext.Current.CancellationToken;
        var request = await app.Accounts.BeginConnectAsync(OneDriveAccountsApp.Storage, Alice, cancellationToken: cancellationToken);

        var callback = app.Server.SignIn(request.AuthorizationUri, "Alice Example");
        var refused = await Assert.ThrowsAsync<StorageException>(() => app.Accounts.CompleteConnectAsync(Alice, StorageConnectCallback.FromUrl(callback), cancellationToken));

        Assert.Equal(OneDriveAccountErrorCodes.InvalidClient, refused.Code);
        Assert.Equal("invalid_client AADSTS7000215", refused.Detail);
        Assert.DoesNotContain("an-old~secret", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disconnecting_removes_the_tokens_and_the_next_request_asks_for_a_login()
    {
        using var app = new OneDriveAccountsApp();
        var cancellationToken = TestContext.Current.CancellationToken;
        await app.ConnectAsync(Alice, "Alice Example");

        Assert.True(await app.Accounts.DisconnectAsync(OneDriveAccountsApp.Storage, Alice, cancellationToken));

        Assert.Null(await app.Tokens.GetAsync(OneDriveAccountsApp.Storage, Alice, cancellationToken));
        Assert.Equal(StorageConnectionState.LoginRequired, await app.Accounts.GetConnectionStateAsync(OneDriveAccountsApp.Storage, Alice, cancellationToken));
        var refused = await Assert.ThrowsAsync<StorageException>(() => app.OneDrive.ListFolderAsync(StorageActor.ForUser(Alice), StoragePath.Root, cancellationToken));
        Assert.Equal(StorageErrorCode.Unauthorized, refused.Code);
        Assert.Contains("Login to OneDrive required", refused.Message, StringComparison.Ordinal);
        Assert.False(await app.Accounts.DisconnectAsync(OneDriveAccountsApp.Storage, Alice, cancellationToken));
    }
}
