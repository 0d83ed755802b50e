using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Nextcloud.Accounts.Tests.Fakes;

/// <summary>One app instance of the host, wired as a host would wire it, against the fake Nextcloud.</summary>
public sealed class AppInstance : IDisposable
{
    public const string StorageName = "nextcloud";

    public static readonly StorageId Storage = new(StorageName);

    private readonly ServiceProvider _services;

    public AppInstance(FakeNextcloudServer server, IStorageTokenStore store, TimeProvider time, CapturingLoggerProvider? logs = null, Action<NextcloudStorageOptions>? configure = null, Action<IServiceCollection>? host = null)
    {
        Logs = logs ?? new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        host?.Invoke(services);
        services.AddSingleton(time);
        services.AddSingleton(store);
        services.Configure<NextcloudStorageOptions>(StorageName, options =>
        {
            options.BaseAddress = FakeNextcloudServer.Base;
            options.OAuthClientId = FakeNextcloudServer.ClientId;
            options.OAuthClientSecret = FakeNextcloudServer.ClientSecret;
            options.OAuthRedirectUri = FakeNextcloudServer.RedirectUri;
            options.TechnicalUserAppPassword = "a:b\"c\\d<e>f";
            options.RefreshConflictGracePeriod = TimeSpan.Zero;
            configure?.Invoke(options);
        });
        services.AddNextcloudAccounts(StorageName);
        services.AddHttpClient(NextcloudAccountsHttpClient.Name).ConfigurePrimaryHttpMessageHandler(() => server);
        services.AddHttpClient("nextcloud-files").ConfigurePrimaryHttpMessageHandler(() => server).AddNextcloudCredentialsHandler(StorageName);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Server = server;
        Store = store;
    }

    public FakeNextcloudServer Server { get; }

    public IStorageTokenStore Store { get; }

    public CapturingLoggerProvider Logs { get; }

    public NextcloudAccounts Accounts => _services.GetRequiredService<NextcloudAccounts>();

    public NextcloudAccessTokenProvider Tokens => _services.GetRequiredService<NextcloudAccessTokenProvider>();

    public IServiceProvider Services => _services;

    /// <summary>A client of the kind the file operations use: credentials come from the handler.</summary>
    public HttpClient FilesClient() => _services.GetRequiredService<IHttpClientFactory>().CreateClient("nextcloud-files");

    /// <summary>Runs the whole browser flow: begin, approve in Nextcloud, callback.</summary>
    public async Task<StorageAccountConnection> ConnectAsync(HostUserId user, string nextcloudUser = "alice")
    {
        var request = await Accounts.BeginConnectAsync(Storage, user);
        var callback = Server.Approve(request.AuthorizationUri, nextcloudUser);
        return await Accounts.CompleteConnectAsync(user, StorageConnectCallback.FromUrl(callback));
    }

    public void Dispose() => _services.Dispose();

    /// <summary>A fresh fake Nextcloud, store and instance on a fake clock.</summary>
    public static AppInstance Create(out FakeTimeProvider time, Action<NextcloudStorageOptions>? configure = null)
    {
        time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 1, 32, 0, TimeSpan.Zero));
        return new AppInstance(new FakeNextcloudServer(time), new InMemoryTokenStore(), time, configure: configure);
    }
}
