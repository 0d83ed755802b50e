using OpenProject.Storages.Nextcloud.Tests.Health;

namespace OpenProject.Storages.Nextcloud.Tests.Hostile;

/// <summary>
/// Issue 10 part 3: every number and date a server sends is range-checked. For every numeric or date field
/// of every answer shape (<see cref="HostileAnswers"/>), each out-of-range value is served to every public
/// operation (<see cref="HostileOperations"/>); only the allowed exception types may come out, nothing is
/// linked by a failed link, a rotated refresh token is never lost, and in the Files tab an odd entry fails
/// only its own link.
/// </summary>
public sealed class OutOfRangeValueTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public static TheoryData<string, string, int, string> Fields => HostileAnswers.Cases();

    public static TheoryData<string> RetryAfterValues =>
        ["Fri, 31 Dec 9999 23:59:59 GMT", "99999999999", "2147483648", "86400", "-1", "abc", "", "Thu, 01 Jan 1970 00:00:00 GMT"];

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task An_out_of_range_value_in_any_field_lets_only_storage_errors_out(string shape, string field, int occurrence, string value)
    {
        var hostile = HostileAnswers.Substitute(shape, field, occurrence, value);
        using var app = new HostileApp(s => s == shape ? hostile : HostileAnswers.Shapes[s]);
        await app.ArrangeAsync();

        foreach (var (name, run) in HostileOperations.All)
        {
            var error = await HostileOperations.RunAsync(run, app, _ct);
            Assert.True(HostileOperations.IsAllowed(error), $"{name} with {shape} {field}#{occurrence} = {value} let out {error}");
        }

        if (shape == HostileAnswers.FilesInfo)
        {
            await AssertOnlyTheDamagedEntryFailsAsync(app, HostileAnswers.IndexOf(shape, field, occurrence));
        }
    }

    [Theory]
    [MemberData(nameof(RetryAfterValues))]
    public async Task Any_Retry_After_on_a_503_lets_only_storage_errors_out(string retryAfter)
    {
        using var app = new HostileApp(s => HostileAnswers.Shapes[s], retryAfter);
        await app.ArrangeAsync();

        foreach (var (name, run) in HostileOperations.All.Where(o => !o.Name.Contains("refresh", StringComparison.Ordinal)))
        {
            var error = await HostileOperations.RunAsync(run, app, _ct);
            Assert.True(HostileOperations.IsAllowed(error), $"{name} with Retry-After {retryAfter} let out {error}");
        }
    }

    [Fact]
    public async Task A_Retry_After_beyond_the_bound_ends_as_Unavailable_naming_the_wish_without_retrying()
    {
        using var app = new HostileApp(s => HostileAnswers.Shapes[s], "Fri, 31 Dec 9999 23:59:59 GMT");
        await app.ArrangeAsync();

        var error = await Assert.ThrowsAsync<StorageException>(() => app.Files.ListFolderAsync(StorageActor.ForUser(HostileApp.Alice), StoragePath.Parse("/Project Docs"), _ct));

        Assert.Equal(StorageErrorCode.Unavailable, error.Code);
        Assert.Contains("asked to retry after", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxRetryAfter", error.Message, StringComparison.Ordinal);
        Assert.Single(app.Server!.RequestList, r => r.Method == "PROPFIND");
    }

    [Fact]
    public async Task One_filesinfo_entry_with_an_mtime_beyond_the_year_9999_fails_only_its_own_link()
    {
        using var app = new HostileApp(s => s == HostileAnswers.FilesInfo ? HostileAnswers.Substitute(s, "mtime", 1, "9223372036854775807") : HostileAnswers.Shapes[s]);
        await app.ArrangeAsync();

        var tab = await app.FileLinks.ListFileLinksAsync(HostileApp.Alice, HostileApp.WorkPackage, _ct);

        var links = tab.Storages.Single().Links;
        Assert.Equal(FileLinkStatus.Error, links.Single(l => l.Link.OriginId == new FileId("35")).Status);
        Assert.Equal(FileLinkStatus.Available, links.Single(l => l.Link.OriginId == new FileId("36")).Status);
    }

    [Theory]
    [InlineData("9223372036854775807")]
    [InlineData("1e30")]
    [InlineData("\"abc\"")]
    [InlineData("-1")]
    public async Task A_refresh_answer_with_an_odd_expires_in_is_stored_with_a_clamped_lifetime(string expiresIn)
    {
        using var app = new HostileApp(s => s == HostileAnswers.Token ? HostileAnswers.Substitute(s, "expires_in", 1, expiresIn) : HostileAnswers.Shapes[s]);
        await app.ArrangeAsync();
        await app.ExpireAliceAsync();

        var token = await app.Tokens.GetAccessTokenAsync(HostileApp.Storage, HostileApp.Alice, HostileApp.AccessToken, _ct);

        var stored = await app.TokenStore.GetAsync(HostileApp.Storage, HostileApp.Alice, _ct);
        Assert.Equal("access2Bearer", token.Value);
        Assert.Equal(HostileApp.RotatedRefreshToken, stored!.Token.RefreshToken);
        Assert.InRange(stored.Token.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(4), TimeSpan.FromDays(1));
    }

    [Theory]
    [InlineData("\"access_token\":\"access2Bearer\"", "\"access_token\":\"bad\\r\\nX-Injected: 1\"")]
    [InlineData("\"token_type\":\"Bearer\"", "\"token_type\":\"mac\"")]
    [InlineData("\"access_token\":\"access2Bearer\",", "")]
    [InlineData("\"user_id\":\"alice\"", "\"user_id\":\"al\\u0000ice\"")]
    public async Task A_refresh_answer_with_a_bad_token_is_not_stored_but_its_rotated_refresh_token_is(string field, string replacement)
    {
        var answer = HostileAnswers.Shapes[HostileAnswers.Token].Replace(field, replacement, StringComparison.Ordinal);
        using var app = new HostileApp(s => s == HostileAnswers.Token ? answer : HostileAnswers.Shapes[s]);
        await app.ArrangeAsync();
        await app.ExpireAliceAsync();

        var error = await Assert.ThrowsAsync<StorageException>(() => app.Tokens.GetAccessTokenAsync(HostileApp.Storage, HostileApp.Alice, HostileApp.AccessToken, _ct).AsTask());

        var stored = await app.TokenStore.GetAsync(HostileApp.Storage, HostileApp.Alice, _ct);
        Assert.Equal(StorageErrorCode.InvalidResponse, error.Code);
        Assert.Equal("access-1", stored!.Token.AccessToken);
        Assert.Equal("alice", stored.Token.StorageUserId);
        Assert.Equal(HostileApp.RotatedRefreshToken, stored.Token.RefreshToken);
        Assert.DoesNotContain("refresh-2", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connect_answer_with_a_token_that_carries_a_line_break_is_refused_and_nothing_is_stored()
    {
        var answer = HostileAnswers.Shapes[HostileAnswers.Token].Replace("\"access2Bearer\"", "\"a\\r\\nb\"", StringComparison.Ordinal);
        using var app = new HostileApp(s => s == HostileAnswers.Token ? answer : HostileAnswers.Shapes[s]);

        var (_, connect) = HostileOperations.All.Single(o => o.Name == "NextcloudAccounts.CompleteConnectAsync");
        var error = await HostileOperations.RunAsync(connect, app, _ct);

        Assert.Equal(StorageErrorCode.InvalidResponse, Assert.IsType<StorageException>(error).Code);
        Assert.Null(await app.TokenStore.GetAsync(HostileApp.Storage, HostileApp.Bob, _ct));
    }

    [Theory]
    [InlineData("99999999999.0.0")]
    [InlineData("1.99999999999.0")]
    public async Task An_absurd_app_version_is_a_check_result_not_a_throw(string version)
    {
        using var app = new HostileApp(s => s == HostileAnswers.Capabilities ? SetupResponsesWithAppVersion(version) : HostileAnswers.Shapes[s]);
        await app.ArrangeAsync();

        var report = await app.Setup.ValidateAsync(HostileApp.Storage, null, _ct);

        var check = report.Checks.Single(c => c.Check == NextcloudSetupChecks.IntegrationAppVersion);
        Assert.Equal(StorageCheckStatus.Warning, check.Status);
        Assert.Equal(NextcloudSetupCodes.IntegrationAppVersionUnreadable, check.Code);
    }

    [Fact]
    public async Task A_connection_reset_in_the_middle_of_status_php_is_a_check_result_not_a_throw()
    {
        using var app = new HostileApp(s => HostileAnswers.Shapes[s]);
        app.Server!.Fault = r => r.RelativePath == "status.php" ? new IOException("Connection reset by peer") : null;

        var report = await app.Setup.ValidateAsync(HostileApp.Storage, null, _ct);

        Assert.Equal(StorageCheckStatus.Failed, report.Checks.Single(c => c.Check == NextcloudSetupChecks.ServerStatus).Status);
    }

    private static string SetupResponsesWithAppVersion(string version) => SetupResponses.Capabilities(appVersion: version);

    /// <summary>In the Files tab, the link whose filesinfo entry was not damaged shows as usual.</summary>
    private async Task AssertOnlyTheDamagedEntryFailsAsync(HostileApp app, int damagedAt)
    {
        var body = HostileAnswers.Shapes[HostileAnswers.FilesInfo];
        var entry35 = body.IndexOf("\"35\":", StringComparison.Ordinal);
        var entry36 = body.IndexOf("\"36\":", StringComparison.Ordinal);
        string? untouched = damagedAt > entry36 ? "35" : damagedAt > entry35 ? "36" : null;
        if (untouched is null)
        {
            return; // the envelope itself was damaged: every link may show the error
        }

        var tab = await app.FileLinks.ListFileLinksAsync(HostileApp.Alice, HostileApp.WorkPackage, _ct);
        var links = tab.Storages.Single().Links;
        Assert.Equal(FileLinkStatus.Available, links.Single(l => l.Link.OriginId == new FileId(untouched)).Status);
    }
}
