using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpenProject.Storages.Nextcloud.Tests.StandIn;

namespace OpenProject.Storages.Nextcloud.Tests.Live;

/// <summary>
/// Two real Nextcloud users (NEXTCLOUD_USER / NEXTCLOUD_PASSWORD and NEXTCLOUD_USER2 / NEXTCLOUD_PASSWORD2, app
/// passwords sent the way user tokens are) and, when NEXTCLOUD_TECHNICAL_PASSWORD is set, the technical user,
/// interleaved through one app instance with the provider's own handlers. A real Nextcloud sets session cookies
/// on authenticated answers and serves a request with a session cookie as that session's user, so any kept
/// cookie would answer one user's request as another: each must see only their own private folder and file.
/// </summary>
public sealed class LiveSessionTests : IAsyncLifetime
{
    private const int Rounds = 4;
    private static readonly HostUserId First = new("live-1");
    private static readonly HostUserId Second = new("live-2");
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly string? _skipReason;
    private readonly ServiceProvider? _services;
    private readonly bool _withTechnicalUser;

    public LiveSessionTests()
    {
        var url = Environment.GetEnvironmentVariable("NEXTCLOUD_URL");
        var accounts = new[] { ("NEXTCLOUD_USER", "NEXTCLOUD_PASSWORD"), ("NEXTCLOUD_USER2", "NEXTCLOUD_PASSWORD2") }
            .Select(a => (User: Environment.GetEnvironmentVariable(a.Item1), Password: Environment.GetEnvironmentVariable(a.Item2)))
            .ToArray();
        if (string.IsNullOrWhiteSpace(url) || accounts.Any(a => string.IsNullOrWhiteSpace(a.User) || string.IsNullOrWhiteSpace(a.Password)))
        {
            _skipReason = "Set NEXTCLOUD_URL, NEXTCLOUD_USER, NEXTCLOUD_PASSWORD, NEXTCLOUD_USER2 and NEXTCLOUD_PASSWORD2 (app passwords of two users) to run the live session tests.";
            return;
        }

        // Nextcloud takes an app password as a Bearer token, so each user's app password stands in for their OAuth token.
        var tokens = new StandInTokenProvider();
        tokens.Connect(First, accounts[0].User!, accounts[0].Password!);
        tokens.Connect(Second, accounts[1].User!, accounts[1].Password!);
        var technicalPassword = Environment.GetEnvironmentVariable("NEXTCLOUD_TECHNICAL_PASSWORD");
        _withTechnicalUser = !string.IsNullOrWhiteSpace(technicalPassword);

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IStorageAccessTokenProvider>(tokens);
        services.AddNextcloudStorage("live", options =>
        {
            options.BaseAddress = new Uri(url);
            options.AllowInsecureHttp = true;
            options.TechnicalUserName = Environment.GetEnvironmentVariable("NEXTCLOUD_TECHNICAL_USER") is { Length: > 0 } name ? name : "OpenProject";
            options.TechnicalUserAppPassword = _withTechnicalUser ? technicalPassword : null;
        });
        _services = services.BuildServiceProvider();
    }

    private NextcloudFileStorage Storage => _services!.GetRequiredKeyedService<NextcloudFileStorage>("live");

    [Fact]
    public async Task Each_user_is_answered_as_themselves_when_interleaved_through_one_app_instance()
    {
        if (_skipReason is not null)
        {
            Assert.Skip(_skipReason);
        }

        var users = new[] { StorageActor.ForUser(First), StorageActor.ForUser(Second) };
        var marker = Guid.NewGuid().ToString("N")[..8];
        var own = new (StorageItem Folder, StorageItem File)[users.Length];
        try
        {
            for (var i = 0; i < users.Length; i++)
            {
                var folder = await Storage.CreateFolderAsync(users[i], StoragePath.Root, $"OpenProject.Storages session {marker} user {i + 1}", _ct);
                var file = await Storage.UploadAsync(users[i], folder.Location, $"private of user {i + 1}.txt", new MemoryStream(Encoding.UTF8.GetBytes("only user " + (i + 1))), NameConflictPolicy.Fail, _ct);
                own[i] = (folder, file);
            }

            for (var round = 0; round < Rounds; round++)
            {
                for (var i = 0; i < users.Length; i++)
                {
                    var other = own[1 - i];
                    var listing = await Storage.ListFolderAsync(users[i], own[i].Folder.Location, _ct);
                    Assert.Equal([own[i].File.Name], listing.Children.Select(c => c.Name));

                    var info = await Storage.GetFileInfoAsync(users[i], own[i].File.Id, _ct);
                    Assert.Equal(own[i].File.Location, info.Location);

                    var notTheirs = await Assert.ThrowsAsync<StorageException>(() => Storage.GetFileInfoAsync(users[i], other.File.Id, _ct));
                    Assert.True(notTheirs.Code == StorageErrorCode.NotFound || notTheirs.Code == StorageErrorCode.Forbidden, $"round {round + 1}, user {i + 1} reading user {2 - i}'s file: {notTheirs.Code}");
                }

                if (_withTechnicalUser)
                {
                    // The technical user's own root: answered as anyone else, its WebDAV path would not be found.
                    var root = await Storage.ListFolderAsync(StorageActor.TechnicalUser, StoragePath.Root, _ct);
                    Assert.True(root.Folder.IsFolder);
                }
            }
        }
        finally
        {
            for (var i = 0; i < users.Length; i++)
            {
                if (own[i].Folder is { } folder)
                {
                    await Storage.DeleteAsync(users[i], folder.Location, CancellationToken.None);
                }
            }
        }
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }
}
