using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenProject.Storages.OneDrive.Internal;
using OpenProject.Storages.OneDrive.Tests.Conformance;
using OpenProject.Storages.OneDrive.Tests.StandIn;

namespace OpenProject.Storages.OneDrive.Tests.Files;

/// <summary>Paging, batching, throttling, token refresh and hostile answers between the provider and Graph.</summary>
public sealed class GraphExchangeTests
{
    private static readonly StorageActor Alice = StorageActor.ForUser(new HostUserId("1"));

    [Fact]
    public async Task A_listing_follows_every_next_link_and_collects_all_children()
    {
        using var fixture = new OneDriveConformanceFixture();
        var folder = await fixture.CreateTestFolderAsync("paging", TestContext.Current.CancellationToken);
        for (var i = 0; i < 7; i++)
        {
            fixture.Server.AddFile(folder.Combine($"file {i}.txt"), "x"u8);
        }

        var before = fixture.Server.Requests;
        var listing = await fixture.Storage.ListFolderAsync(Alice, folder, TestContext.Current.CancellationToken);

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"file {i}.txt"), listing.Children.Select(child => child.Name));
        Assert.Equal(1 + 4, fixture.Server.Requests - before); // the folder, then four pages of two
    }

    [Fact]
    public async Task Bulk_info_for_45_files_takes_three_batches_and_reports_each_outcome_as_a_value()
    {
        using var fixture = new OneDriveConformanceFixture();
        var folder = await fixture.CreateTestFolderAsync("batch", TestContext.Current.CancellationToken);
        var ids = Enumerable.Range(0, 44).Select(i => new FileId(fixture.Server.AddFile(folder.Combine($"{i}.txt"), "x"u8).Id)).ToList();
        var missing = new FileId("01AZJL5P99999999999999999999999999");
        ids.Add(missing);
        ids.Add(ids[0]);

        var results = await fixture.Storage.GetFileInfosAsync(Alice, ids, TestContext.Current.CancellationToken);

        Assert.Equal(45, results.Count);
        Assert.Equal(3 + 1, fixture.Server.BatchRequests); // three with Alice's token, one with the app's for the id Graph did not find
        Assert.Equal(FileInfoStatus.NotFound, results[missing].Status);
        Assert.All(ids.Where(id => id != missing), id => Assert.Equal(FileInfoStatus.Found, results[id].Status));
        Assert.Equal(folder.Combine("3.txt"), results[ids[3]].Item!.Location);
    }

    [Fact]
    public async Task Without_app_credentials_an_item_the_user_may_not_see_stays_not_found()
    {
        using var fixture = new OneDriveConformanceFixture(options => options.ClientSecret = null);
        var file = fixture.Server.AddFile(StoragePath.Parse("/secret.txt"), "x"u8);
        fixture.Server.Restrict("Alice Example", file.Path, StoragePermissions.None);

        var error = await Assert.ThrowsAsync<StorageException>(() => fixture.Storage.GetFileInfoAsync(Alice, new FileId(file.Id), TestContext.Current.CancellationToken));

        Assert.Equal(StorageErrorCode.NotFound, error.Code);
        Assert.Equal(0, fixture.Server.TokenRequests);
    }

    [Fact]
    public async Task An_item_the_user_may_not_see_is_Forbidden_when_the_apps_token_finds_it()
    {
        using var fixture = new OneDriveConformanceFixture();
        var file = fixture.Server.AddFile(StoragePath.Parse("/secret.txt"), "x"u8);
        fixture.Server.Restrict("Alice Example", file.Path, StoragePermissions.None);

        var error = await Assert.ThrowsAsync<StorageException>(() => fixture.Storage.GetFileInfoAsync(Alice, new FileId(file.Id), TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<StorageException>(() => fixture.Storage.GetFileInfoAsync(Alice, new FileId(file.Id), TestContext.Current.CancellationToken));

        Assert.Equal((StorageErrorCode.Forbidden, 403), (error.Code, error.HttpStatus));
        Assert.Equal(1, fixture.Server.TokenRequests); // the app-only token is cached
    }

    [Fact]
    public async Task The_technical_user_acts_with_the_app_only_token_and_needs_the_app_settings()
    {
        using var configured = new OneDriveConformanceFixture();
        using var unconfigured = new OneDriveConformanceFixture(options => options.TenantId = null);
        var hidden = configured.Server.AddFile(StoragePath.Parse("/secret.txt"), "x"u8);
        configured.Server.Restrict("Alice Example", hidden.Path, StoragePermissions.None);

        var listing = await configured.Storage.ListFolderAsync(StorageActor.TechnicalUser, StoragePath.Root, TestContext.Current.CancellationToken);
        var error = await Assert.ThrowsAsync<StorageException>(() => unconfigured.Storage.ListFolderAsync(StorageActor.TechnicalUser, StoragePath.Root, TestContext.Current.CancellationToken));

        Assert.Equal(["secret.txt"], listing.Children.Select(child => child.Name));
        Assert.Equal(StorageErrorCode.NotConfigured, error.Code);
    }

    [Fact]
    public async Task A_throttled_request_is_sent_again_after_Retry_After()
    {
        using var fixture = new OneDriveConformanceFixture();
        fixture.Server.ThrottleNext(1);

        var listing = await fixture.Storage.ListFolderAsync(Alice, StoragePath.Root, TestContext.Current.CancellationToken);

        Assert.Equal("Root", listing.Folder.Name);
    }

    [Fact]
    public async Task Throttling_that_goes_on_is_Unavailable()
    {
        using var fixture = new OneDriveConformanceFixture();
        fixture.Server.ThrottleNext(5);

        var error = await Assert.ThrowsAsync<StorageException>(() => fixture.Storage.ListFolderAsync(Alice, StoragePath.Root, TestContext.Current.CancellationToken));

        Assert.Equal(StorageErrorCode.Unavailable, error.Code);
        Assert.Equal(429, error.HttpStatus);
    }

    [Fact]
    public async Task A_rejected_token_is_refreshed_once_and_the_request_sent_again()
    {
        using var fixture = new OneDriveConformanceFixture();
        fixture.Server.IssueToken("alice-second-token", "Alice Example");
        fixture.Tokens.Connect(new HostUserId("1"), "alice-expired-token", "alice-second-token");

        var listing = await fixture.Storage.ListFolderAsync(Alice, StoragePath.Root, TestContext.Current.CancellationToken);

        Assert.Equal(StoragePath.Root, listing.Folder.Location);
        Assert.Equal(1, fixture.Tokens.Refreshes);
    }

    [Fact]
    public async Task A_missing_folder_is_NotFound_with_Graphs_code()
    {
        using var fixture = new OneDriveConformanceFixture();

        var error = await Assert.ThrowsAsync<StorageException>(() => fixture.Storage.ListFolderAsync(Alice, StoragePath.Parse("/Nowhere/ü #%+"), TestContext.Current.CancellationToken));

        Assert.Equal(StorageErrorCode.NotFound, error.Code);
        Assert.Contains("itemNotFound", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(409, "nameAlreadyExists", null, "Conflict")]
    [InlineData(423, "notAllowed", "resourceLocked", "Locked")]
    [InlineData(403, "accessDenied", null, "Forbidden")]
    [InlineData(507, "quotaLimitReached", null, "InsufficientStorage")]
    [InlineData(503, "serviceNotAvailable", null, "Unavailable")]
    [InlineData(400, "invalidRequest", null, "InvalidRequest")]
    [InlineData(401, "InvalidAuthenticationToken", null, "Unauthorized")]
    public void Graph_error_codes_map_to_the_shared_codes(int status, string code, string? inner, string expected) =>
        Assert.Equal(expected, GraphErrors.Map(status, code, inner).ToString());

    [Fact]
    public async Task A_next_link_to_another_host_is_refused_and_the_token_never_sent_there()
    {
        var handler = new ScriptedHandler(request => request.RequestUri!.AbsolutePath.EndsWith("/children", StringComparison.Ordinal)
            ? Json("""{"value":[],"@odata.nextLink":"https://evil.example.com/v1.0/steal"}""")
            : Json($$$"""{"id":"01ROOT","name":"root","root":{},"folder":{"childCount":1},"parentReference":{"driveId":"{{{StatefulGraph.DriveId}}}"}}"""));
        using var services = Build(handler);
        var storage = services.GetRequiredKeyedService<OneDriveFileStorage>("od");

        var error = await Assert.ThrowsAsync<StorageException>(() => storage.ListFolderAsync(Alice, StoragePath.Root, TestContext.Current.CancellationToken));

        Assert.Equal(StorageErrorCode.InvalidResponse, error.Code);
        Assert.DoesNotContain(handler.Hosts, host => host == "evil.example.com");
    }

    [Fact]
    public async Task A_body_larger_than_the_limit_is_refused_without_reading_it_all()
    {
        var handler = new ScriptedHandler(_ => Json("{\"id\":\"01A\",\"name\":\"" + new string('a', 4096) + "\"}"));
        using var services = Build(handler, options => options.MaxResponseBytes = 1024);
        var storage = services.GetRequiredKeyedService<OneDriveFileStorage>("od");

        var error = await Assert.ThrowsAsync<StorageException>(() => storage.GetFileInfoAsync(Alice, new FileId("01A"), TestContext.Current.CancellationToken));

        Assert.Equal(StorageErrorCode.InvalidResponse, error.Code);
    }

    [Fact]
    public async Task A_response_that_never_comes_is_Unavailable_after_the_timeout()
    {
        var handler = new ScriptedHandler(_ => throw new InvalidOperationException("not reached"), hang: true);
        using var services = Build(handler, options => options.ResponseTimeout = TimeSpan.FromMilliseconds(200));
        var storage = services.GetRequiredKeyedService<OneDriveFileStorage>("od");

        var error = await Assert.ThrowsAsync<StorageException>(() => storage.GetFileInfoAsync(Alice, new FileId("01A"), TestContext.Current.CancellationToken));

        Assert.Equal(StorageErrorCode.Unavailable, error.Code);
    }

    [Fact]
    public async Task An_id_that_cannot_name_a_Graph_item_is_never_sent()
    {
        var handler = new ScriptedHandler(_ => throw new InvalidOperationException("not reached"));
        using var services = Build(handler);
        var storage = services.GetRequiredKeyedService<OneDriveFileStorage>("od");

        var error = await Assert.ThrowsAsync<StorageException>(() => storage.GetFileInfoAsync(Alice, new FileId("../../me/drive"), TestContext.Current.CancellationToken));

        Assert.Equal(StorageErrorCode.NotFound, error.Code);
        Assert.Empty(handler.Hosts);
    }

    private static ServiceProvider Build(HttpMessageHandler handler, Action<OneDriveStorageOptions>? configure = null)
    {
        var tokens = new RotatingTokenProvider();
        tokens.Connect(new HostUserId("1"), "alice-access-token");
        var services = new ServiceCollection();
        services.AddSingleton<IStorageAccessTokenProvider>(tokens);
        services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        services.AddOneDriveStorage("od", options =>
        {
            options.DriveId = StatefulGraph.DriveId;
            configure?.Invoke(options);
        }).ConfigurePrimaryHttpMessageHandler(() => handler);
        return services.BuildServiceProvider();
    }

    private static HttpResponseMessage Json(string json) => new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private sealed class ScriptedHandler(Func<HttpRequestMessage, HttpResponseMessage> answer, bool hang = false) : HttpMessageHandler
    {
        public List<string> Hosts { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Hosts.Add(request.RequestUri!.Host);
            if (hang)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return answer(request);
        }
    }
}
