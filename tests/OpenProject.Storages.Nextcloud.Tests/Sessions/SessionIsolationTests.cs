using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;

namespace OpenProject.Storages.Nextcloud.Tests.Sessions;

/// <summary>
/// Nextcloud answers a request that carries a session cookie as the session's user, whatever its
/// <c>Authorization</c> header says. These tests interleave Alice, Bob and the technical user through one
/// app instance, against a stand-in that keeps sessions as Nextcloud does, with the primary handlers the
/// provider configures and with the ones hosts configure: nobody is ever answered as someone else.
/// </summary>
public sealed class SessionIsolationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>How a host may set up the storage's HTTP clients; each must still never keep a cookie.</summary>
    public static TheoryData<string> HostHandlers() =>
    [
        "provider defaults",
        "a new SocketsHttpHandler (cookies on by default)",
        "an HttpClientHandler with a CookieContainer",
        "the provider's handler changed in place, cookies switched on",
        "handlers for every client of the app (ConfigureHttpClientDefaults)",
        "an outer handler with its own cookie jar",
    ];

    [Fact]
    public async Task The_stand_in_answers_a_client_that_keeps_cookies_as_the_session_user()
    {
        // The control: without it, the tests below could pass against a server that ignores cookies.
        await using var app = await OneAppInstance.StartAsync();
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = true });

        var first = await CurrentUserAsync(client, app, "alice-access-token");
        var second = await CurrentUserAsync(client, app, "bob-access-token");

        Assert.Equal("alice", first);
        Assert.Equal("alice", second);
        Assert.Equal(1, app.Sessions.RequestsWithSession);
    }

    [Theory]
    [MemberData(nameof(HostHandlers))]
    public async Task Alice_bob_and_the_technical_user_are_each_answered_as_themselves(string hostHandlers)
    {
        await using var app = await OneAppInstance.StartAsync(builder => ConfigureHost(builder, hostHandlers));
        var alice = StorageActor.ForUser(OneAppInstance.Alice);
        var bob = StorageActor.ForUser(OneAppInstance.Bob);

        for (var round = 0; round < 2; round++)
        {
            var aliceListing = await app.Storage.ListFolderAsync(alice, OneAppInstance.AliceFolder, Token);
            Assert.Equal(["alice-private.txt"], aliceListing.Children.Select(c => c.Name));
            var hidden = await Assert.ThrowsAsync<StorageException>(() => app.Storage.ListFolderAsync(bob, OneAppInstance.AliceFolder, Token));
            Assert.Equal(StorageErrorCode.NotFound, hidden.Code);
            var bobListing = await app.Storage.ListFolderAsync(bob, OneAppInstance.BobFolder, Token);
            Assert.Contains("bob-private.txt", bobListing.Children.Select(c => c.Name));
            Assert.All(bobListing.Children, child => Assert.StartsWith("bob-", child.Name, StringComparison.Ordinal));

            var aliceInfo = await app.Storage.GetFileInfoAsync(alice, OneAppInstance.IdOf(app.AliceFile), Token);
            Assert.Equal("alice-private.txt", aliceInfo.Name);
            var notBobs = await Assert.ThrowsAsync<StorageException>(() => app.Storage.GetFileInfoAsync(bob, OneAppInstance.IdOf(app.AliceFile), Token));
            Assert.True(notBobs.Code == StorageErrorCode.NotFound || notBobs.Code == StorageErrorCode.Forbidden, notBobs.Code.ToString());

            var uploaded = await app.Storage.UploadAsync(bob, OneAppInstance.BobFolder, $"bob-upload-{round}.txt", new MemoryStream("from bob"u8.ToArray()), cancellationToken: Token);
            Assert.Equal("bob", app.Files.FindById(long.Parse(uploaded.Id.Value, System.Globalization.CultureInfo.InvariantCulture))!.OwnerId);

            var sync = await app.ProjectFolders.SynchronizeAsync(OneAppInstance.DesiredProjectFolders(), Token);
            Assert.True(sync.IsSuccess, sync.AbortMessage);
        }

        Assert.Equal(0, app.Sessions.RequestsWithSession);
    }

    [Theory]
    [MemberData(nameof(HostHandlers))]
    public async Task The_files_tab_shows_each_user_their_own_permissions(string hostHandlers)
    {
        await using var app = await OneAppInstance.StartAsync(builder => ConfigureHost(builder, hostHandlers));
        await app.WithFileLinksAsync(links => links.LinkFilesAsync(OneAppInstance.Alice, OneAppInstance.WorkPackage, new StorageId("nc"), [OneAppInstance.IdOf(app.AliceFile)], Token));
        await app.WithFileLinksAsync(links => links.LinkFilesAsync(OneAppInstance.Bob, OneAppInstance.WorkPackage, new StorageId("nc"), [OneAppInstance.IdOf(app.BobFile)], Token));

        for (var round = 0; round < 2; round++)
        {
            var asAlice = await StatusesAsync(app, OneAppInstance.Alice);
            var asBob = await StatusesAsync(app, OneAppInstance.Bob);

            Assert.Equal(FileLinkStatus.Available, asAlice["alice-private.txt"]);
            Assert.NotEqual(FileLinkStatus.Available, asAlice["bob-private.txt"]);
            Assert.Equal(FileLinkStatus.Available, asBob["bob-private.txt"]);
            Assert.NotEqual(FileLinkStatus.Available, asBob["alice-private.txt"]);
        }

        Assert.Equal(0, app.Sessions.RequestsWithSession);
    }

    [Theory]
    [MemberData(nameof(HostHandlers))]
    public async Task Setup_checks_after_users_worked_report_the_technical_user_as_it_is(string hostHandlers)
    {
        await using var app = await OneAppInstance.StartAsync(builder => ConfigureHost(builder, hostHandlers));
        await app.Storage.ListFolderAsync(StorageActor.ForUser(OneAppInstance.Alice), OneAppInstance.AliceFolder, Token);

        var report = await app.ValidateSetupAsync(OneAppInstance.Bob);
        Assert.True(report.Find(NextcloudSetupChecks.TechnicalUser)!.Status == StorageCheckStatus.Passed, report.Find(NextcloudSetupChecks.TechnicalUser)!.Message);
        Assert.Equal(StorageCheckStatus.Passed, report.Find(StorageSetupChecks.UserRequest)!.Status);

        // A wrong app password must be reported as wrong, even right after the right one worked.
        app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<NextcloudStorageOptions>>().Get("nc").TechnicalUserAppPassword = "wrong";
        var wrong = await app.ValidateSetupAsync(OneAppInstance.Bob);
        Assert.Equal(StorageCheckStatus.Failed, wrong.Find(NextcloudSetupChecks.TechnicalUser)!.Status);

        var sync = await app.ProjectFolders.SynchronizeAsync(OneAppInstance.DesiredProjectFolders(), Token);
        Assert.False(sync.IsSuccess);
        Assert.Equal(StorageErrorCode.Unauthorized, sync.AbortCode);
        Assert.Equal(0, app.Sessions.RequestsWithSession);
    }

    [Fact]
    public async Task A_used_primary_handler_that_keeps_cookies_is_refused_with_a_clear_error()
    {
        using var used = new SocketsHttpHandler();
        await using var app = await OneAppInstance.StartAsync(builder => builder.HttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => used));
        using (var client = new HttpClient(used, disposeHandler: false))
        {
            using var _ = await client.GetAsync(new Uri(app.Files.BaseAddress, "status.php"), Token);
        }

        var error = await Assert.ThrowsAsync<StorageException>(() => app.Storage.ListFolderAsync(StorageActor.ForUser(OneAppInstance.Alice), OneAppInstance.AliceFolder, Token));

        Assert.Equal(StorageErrorCode.NotConfigured, error.Code);
        Assert.Contains("cookies", error.Message, StringComparison.Ordinal);
    }

    private static async Task<Dictionary<string, FileLinkStatus>> StatusesAsync(OneAppInstance app, HostUserId user)
    {
        var tab = await app.WithFileLinksAsync(links => links.ListFileLinksAsync(user, OneAppInstance.WorkPackage, Token));
        return tab.Storages.Single().Links.ToDictionary(entry => entry.Link.Origin.Name, entry => entry.Status);
    }

    private static async Task<string?> CurrentUserAsync(HttpClient client, OneAppInstance app, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(app.Files.BaseAddress, "ocs/v2.php/cloud/user?format=json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("OCS-APIRequest", "true");
        using var response = await client.SendAsync(request, Token);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        return json.RootElement.GetProperty("ocs").GetProperty("data").GetProperty("id").GetString();
    }

    private static void ConfigureHost(NextcloudStorageBuilder builder, string hostHandlers)
    {
        IHttpClientBuilder[] clients = [builder.HttpClientBuilder, builder.TransferHttpClientBuilder, builder.SetupChecksHttpClientBuilder];
        var jar = new CookieContainer();
        switch (hostHandlers)
        {
            case "provider defaults":
                break;
            case "a new SocketsHttpHandler (cookies on by default)":
                Array.ForEach(clients, client => client.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false }));
                break;
            case "an HttpClientHandler with a CookieContainer":
                Array.ForEach(clients, client => client.ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = jar }));
                break;
            case "the provider's handler changed in place, cookies switched on":
                Array.ForEach(clients, client => client.ConfigurePrimaryHttpMessageHandler((handler, _) => ((SocketsHttpHandler)handler).UseCookies = true));
                break;
            case "handlers for every client of the app (ConfigureHttpClientDefaults)":
                builder.Services.ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = jar }));
                break;
            case "an outer handler with its own cookie jar":
                Array.ForEach(clients, client => client.AddHttpMessageHandler(() => new CookieJarHandler(jar)));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(hostHandlers), hostHandlers, null);
        }
    }

    /// <summary>A host's handler that keeps and sends cookies itself, outside the primary handler.</summary>
    private sealed class CookieJarHandler(CookieContainer jar) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var cookies = jar.GetCookieHeader(request.RequestUri!);
            if (cookies.Length > 0)
            {
                request.Headers.TryAddWithoutValidation("Cookie", cookies);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
            {
                foreach (var value in values)
                {
                    jar.SetCookies(request.RequestUri!, value);
                }
            }

            return response;
        }
    }
}
