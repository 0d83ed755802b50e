using System.Security.Cryptography;
using System.Text;
using OpenProject.Storages.Nextcloud.Accounts.Tests.Fakes;

namespace OpenProject.Storages.Nextcloud.Accounts.Tests;

public sealed class ConnectTests
{
    private static readonly HostUserId Alice = new("op-alice");
    private static readonly HostUserId Bob = new("op-bob");

    [Fact]
    public async Task The_authorize_url_names_the_client_the_redirect_uri_a_state_and_an_S256_challenge()
    {
        using var app = AppInstance.Create(out _);

        var request = await app.Accounts.BeginConnectAsync(AppInstance.Storage, Alice);

        var uri = request.AuthorizationUri;
        Assert.Equal("https://cloud.example.com/nextcloud/index.php/apps/oauth2/authorize", uri.GetLeftPart(UriPartial.Path));
        var query = Query(uri);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal(FakeNextcloudServer.ClientId, query["client_id"]);
        Assert.Equal(FakeNextcloudServer.RedirectUri.AbsoluteUri, query["redirect_uri"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", query["code_challenge"]);
        Assert.True(query["state"].Length >= 43);
        Assert.DoesNotContain(query["state"], request.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_attempt_gets_its_own_state_and_challenge()
    {
        using var app = AppInstance.Create(out _);

        var first = Query((await app.Accounts.BeginConnectAsync(AppInstance.Storage, Alice)).AuthorizationUri);
        var second = Query((await app.Accounts.BeginConnectAsync(AppInstance.Storage, Alice)).AuthorizationUri);

        Assert.NotEqual(first["state"], second["state"]);
        Assert.NotEqual(first["code_challenge"], second["code_challenge"]);
    }

    [Fact]
    public async Task Connecting_stores_the_tokens_the_expiry_and_the_Nextcloud_user_id()
    {
        using var app = AppInstance.Create(out var time);

        var connection = await app.ConnectAsync(Alice, "alice");

        Assert.Equal("alice", connection.StorageUserId);
        Assert.Equal(AppInstance.Storage, connection.Storage);
        var stored = await app.Store.GetAsync(AppInstance.Storage, Alice);
        Assert.NotNull(stored);
        Assert.True(app.Server.IsValidAccessToken(stored.Token.AccessToken));
        Assert.NotNull(stored.Token.RefreshToken);
        Assert.Equal(time.GetUtcNow().AddSeconds(3600), stored.Token.ExpiresAt);
        Assert.Equal("alice", stored.Token.StorageUserId);
        Assert.Equal(StorageConnectionState.Ready, await app.Accounts.GetConnectionStateAsync(AppInstance.Storage, Alice));
        Assert.Equal(0, app.Server.UserLookups);
    }

    [Fact]
    public async Task Without_user_id_in_the_token_answer_the_user_is_asked_from_OCS()
    {
        using var app = AppInstance.Create(out _);
        app.Server.OmitUserId = true;

        var connection = await app.ConnectAsync(Alice, "alice");

        Assert.Equal("alice", connection.StorageUserId);
        Assert.Equal(1, app.Server.UserLookups);
        Assert.Equal("alice", (await app.Store.GetAsync(AppInstance.Storage, Alice))!.Token.StorageUserId);
    }

    [Fact]
    public async Task The_return_url_comes_back_with_the_connection()
    {
        using var app = AppInstance.Create(out _);

        var request = await app.Accounts.BeginConnectAsync(AppInstance.Storage, Alice, "/work_packages/42/files");
        var connection = await app.Accounts.CompleteConnectAsync(Alice, StorageConnectCallback.FromUrl(app.Server.Approve(request.AuthorizationUri, "alice")));

        Assert.Equal("/work_packages/42/files", connection.ReturnUrl);
    }

    [Fact]
    public async Task A_callback_without_state_is_refused()
    {
        using var app = AppInstance.Create(out _);

        var error = await Assert.ThrowsAsync<StorageException>(() => app.Accounts.CompleteConnectAsync(Alice, StorageConnectCallback.FromUrl(new Uri(FakeNextcloudServer.RedirectUri + "?code=abc"))));

        Assert.Equal(NextcloudAccountErrorCodes.StateMissing, error.Code);
        Assert.Equal(0, app.Server.CodeExchanges);
    }

    [Fact]
    public async Task A_callback_with_an_unknown_state_is_refused()
    {
        using var app = AppInstance.Create(out _);

        var error = await Assert.ThrowsAsync<StorageException>(() => app.Accounts.CompleteConnectAsync(Alice, StorageConnectCallback.FromUrl(new Uri(FakeNextcloudServer.RedirectUri + "?state=forged&code=abc"))));

        Assert.Equal(NextcloudAccountErrorCodes.StateUnknown, error.Code);
        Assert.Equal(0, app.Server.CodeExchanges);
    }

    [Fact]
    public async Task A_state_works_once()
    {
        using var app = AppInstance.Create(out _);
        var request = await app.Accounts.BeginConnectAsync(AppInstance.Storage, Alice);
        var callback = StorageConnectCallback.FromUrl(app.Server.Approve(request.AuthorizationUri, "alice"));
        await app.Accounts.CompleteConnectAsync(Alice, callback);

        var error = await Assert.ThrowsAsync<StorageException>(() => app.Accounts.CompleteConnectAsync(Alice, callback));

        Assert.Equal(NextcloudAccountErrorCodes.StateReused, error.Code);
        Assert.Equal(1, app.Server.CodeExchanges);
    }

    [Fact]
    public async Task A_state_expires()
    {
        using var app = AppInstance.Create(out var time, o => o.ConnectStateLifetime = TimeSpan.FromMinutes(5));
        var request = await app.Accounts.BeginConnectAsync(AppInstance.Storage, Alice);
        var callback = StorageConnectCallback.FromUrl(app.Server.Approve(request.AuthorizationUri, "alice"));
        time.Advance(TimeSpan.FromMinutes(5));

        var error = await Assert.ThrowsAsync<StorageException>(() => app.Accounts.CompleteConnectAsync(Alice, callback));

        Assert.Equal(NextcloudAccountErrorCodes.StateExpired, error.Code);
        Assert.Equal(0, app.Server.CodeExchanges);
    }

    [Fact]
    public async Task A_state_is_bound_to_the_user_who_started_the_attempt()
    {
        using var app = AppInstance.Create(out _);
        var request = await app.Accounts.BeginConnectAsync(AppInstance.Storage, Alice);
        var callback = StorageConnectCallback.FromUrl(app.Server.Approve(request.AuthorizationUri, "alice"));

        var error = await Assert.ThrowsAsync<StorageException>(() => app.Accounts.CompleteConnectAsync(Bob, callback));

        Assert.Equal(NextcloudAccountErrorCodes.StateUserMismatch, error.Code);
        Assert.Null(await app.Store.GetAsync(AppInstance.Storage, Bob));
        Assert.Null(await app.Store.GetAsync(AppInstance.Storage, Alice));
    }

    [Theory]
    [InlineData("https://openproject.example.com/oauth_clients/other/callback")]
    [InlineData("http://openproject.example.com/oauth_clients/nc/callback")]
    [InlineData("https://evil.example.com/oauth_clients/nc/callback")]
    [InlineData("https://openproject.example.com:8443/oauth_clients/nc/callback")]
    [InlineData("https://openproject.example.com/oauth_clients/NC/callback")]
    public async Task The_callback_url_must_be_exactly_the_configured_redirect_uri(string arrivedAt)
    {
        using var app = AppInstance.Create(out _);
        var request = await app.Accounts.BeginConnectAsync(AppInstance.Storage, Alice);
        var approved = app.Server.Approve(request.AuthorizationUri, "alice");

        var error = await Assert.ThrowsAsync<StorageException>(() => app.Accounts.CompleteConnectAsync(Alice, StorageConnectCallback.FromUrl(new Uri(arrivedAt + approved.Query))));

        Assert.Equal(NextcloudAccountErrorCodes.RedirectUriMismatch, error.Code);
        Assert.Equal(0, app.Server.CodeExchanges);
    }

    [Fact]
    public async Task An_error_parameter_is_reported_with_the_OAuth_error()
    {
        using var app = AppInstance.Create(out _);
        var request = await app.Accounts.BeginConnectAsync(AppInstance.Storage, Alice);
        var state = Query(request.AuthorizationUri)["state"];

        var error = await Assert.ThrowsAsync<StorageException>(() => app.Accounts.CompleteConnectAsync(Alice, StorageConnectCallback.FromUrl(new Uri($"{FakeNextcloudServer.RedirectUri}?error=access_denied&state={state}"))));

        Assert.Equal(NextcloudAccountErrorCodes.AuthorizationFailed, error.Code);
        Assert.Equal("access_denied", error.Detail);
        Assert.Equal(0, app.Server.CodeExchanges);
    }

    [Fact]
    public async Task A_callback_without_code_is_refused()
    {
        using var app = AppInstance.Create(out _);
        var request = await app.Accounts.BeginConnectAsync(AppInstance.Storage, Alice);
        var state = Query(request.AuthorizationUri)["state"];

        var error = await Assert.ThrowsAsync<StorageException>(() => app.Accounts.CompleteConnectAsync(Alice, StorageConnectCallback.FromUrl(new Uri($"{FakeNextcloudServer.RedirectUri}?state={state}"))));

        Assert.Equal(NextcloudAccountErrorCodes.CodeMissing, error.Code);
    }

    [Fact]
    public async Task A_code_older_than_ten_minutes_is_refused_with_invalid_request()
    {
        using var app = AppInstance.Create(out var time);
        var request = await app.Accounts.BeginConnectAsync(AppInstance.Storage, Alice);
        var callback = StorageConnectCallback.FromUrl(app.Server.Approve(request.AuthorizationUri, "alice"));
        time.Advance(TimeSpan.FromMinutes(11));

        var error = await Assert.ThrowsAsync<StorageException>(() => app.Accounts.CompleteConnectAsync(Alice, callback));

        Assert.Equal(NextcloudAccountErrorCodes.InvalidRequest, error.Code);
        Assert.Equal(400, error.HttpStatus);
        Assert.Equal("invalid_request", error.Detail);
        Assert.Null(await app.Store.GetAsync(AppInstance.Storage, Alice));
    }

    [Fact]
    public async Task A_PKCE_mismatch_is_refused_with_invalid_grant()
    {
        using var app = AppInstance.Create(out _);
        var request = await app.Accounts.BeginConnectAsync(AppInstance.Storage, Alice);

        // An attacker's authorize URL (their challenge) whose code is injected into Alice's callback.
        var tampered = new UriBuilder(request.AuthorizationUri) { Query = request.AuthorizationUri.Query.TrimStart('?').Replace(Query(request.AuthorizationUri)["code_challenge"], Challenge("attacker-verifier-attacker-verifier-attacker-verifier"), StringComparison.Ordinal) }.Uri;
        var callback = StorageConnectCallback.FromUrl(app.Server.Approve(tampered, "mallory"));

        var error = await Assert.ThrowsAsync<StorageException>(() => app.Accounts.CompleteConnectAsync(Alice, callback));

        Assert.Equal(NextcloudAccountErrorCodes.InvalidGrant, error.Code);
        Assert.Null(await app.Store.GetAsync(AppInstance.Storage, Alice));
    }

    [Fact]
    public async Task A_wrong_client_secret_is_refused_with_invalid_client()
    {
        using var app = AppInstance.Create(out _);
        app.Server.ExpectedSecret = "rotated-by-admin";

        var error = await Assert.ThrowsAsync<StorageException>(() => app.ConnectAsync(Alice));

        Assert.Equal(NextcloudAccountErrorCodes.InvalidClient, error.Code);
        Assert.Equal("invalid_client", error.Detail);
    }

    [Fact]
    public async Task An_HTML_page_with_HTTP_200_for_an_unknown_client_is_its_own_error()
    {
        using var app = AppInstance.Create(out _);
        app.Server.FailNextTokenRequest(TokenFault.HtmlPage);

        var error = await Assert.ThrowsAsync<StorageException>(() => app.ConnectAsync(Alice));

        Assert.Equal(NextcloudAccountErrorCodes.ClientNotAuthorized, error.Code);
        Assert.Equal(200, error.HttpStatus);
    }

    [Fact]
    public async Task A_redirected_code_exchange_is_a_configuration_error_and_connects_nobody()
    {
        using var app = AppInstance.Create(out _);
        app.Server.FailNextTokenRequest(TokenFault.Redirect);

        var error = await Assert.ThrowsAsync<StorageException>(() => app.ConnectAsync(Alice));

        Assert.Equal(StorageErrorCode.NotConfigured, error.Code);
        Assert.Equal(307, error.HttpStatus);
        Assert.Contains("base address", error.Message, StringComparison.Ordinal);
        Assert.Null(await app.Store.GetAsync(AppInstance.Storage, Alice));
    }

    [Theory]
    [InlineData(TokenFault.NetworkError)]
    [InlineData(TokenFault.ServerError)]
    [InlineData(TokenFault.Timeout)]
    public async Task An_unreachable_token_endpoint_during_connect_is_unavailable(TokenFault fault)
    {
        using var app = AppInstance.Create(out _);
        app.Server.FailNextTokenRequest(fault);

        var error = await Assert.ThrowsAsync<StorageException>(() => app.ConnectAsync(Alice));

        Assert.Equal(StorageErrorCode.Unavailable, error.Code);
    }

    [Fact]
    public async Task All_codes_of_the_connect_flow_are_distinct()
    {
        var codes = typeof(NextcloudAccountErrorCodes).GetProperties().Select(p => (StorageErrorCode)p.GetValue(null)!).ToList();

        Assert.Equal(12, codes.Count);
        Assert.Equal(codes.Count, codes.Distinct().Count());
        await Task.CompletedTask;
    }

    [Fact]
    public async Task The_OAuth_settings_are_validated()
    {
        using var app = AppInstance.Create(out _, o => o.OAuthRedirectUri = null);

        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => app.Accounts.BeginConnectAsync(AppInstance.Storage, Alice));

        Assert.Contains("OAuthRedirectUri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connecting_to_a_storage_without_settings_is_not_configured()
    {
        using var app = AppInstance.Create(out _);

        var error = await Assert.ThrowsAsync<StorageException>(() => app.Accounts.BeginConnectAsync(new StorageId("unknown"), Alice));

        Assert.Equal(StorageErrorCode.NotConfigured, error.Code);
    }

    [Fact]
    public void The_callback_reads_form_encoded_query_values_and_hides_them()
    {
        var callback = StorageConnectCallback.FromUrl(new Uri("https://op.example.com/cb?state=s%2Bt+u&code=c0de&error=access_denied&extra=1"));

        Assert.Equal("s+t u", callback.State);
        Assert.Equal("c0de", callback.Code);
        Assert.Equal("access_denied", callback.Error);
        Assert.DoesNotContain("c0de", callback.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("s+t", callback.ToString(), StringComparison.Ordinal);
    }

    internal static Dictionary<string, string> Query(Uri uri) =>
        uri.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));

    private static string Challenge(string verifier) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public void The_callback_codes_are_the_shared_connectors_named_after_Nextcloud()
    {
        var shared = new StorageConnectErrorCodes("Nextcloud");

        Assert.Equal(
            [shared.StateMissing, shared.StateUnknown, shared.StateReused, shared.StateExpired, shared.StateUserMismatch, shared.RedirectUriMismatch, shared.AuthorizationFailed, shared.CodeMissing],
            [NextcloudAccountErrorCodes.StateMissing, NextcloudAccountErrorCodes.StateUnknown, NextcloudAccountErrorCodes.StateReused, NextcloudAccountErrorCodes.StateExpired,
                NextcloudAccountErrorCodes.StateUserMismatch, NextcloudAccountErrorCodes.RedirectUriMismatch, NextcloudAccountErrorCodes.AuthorizationFailed, NextcloudAccountErrorCodes.CodeMissing]);
    }
}
