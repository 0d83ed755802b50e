using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using OpenProject.Storages.OneDrive.Tests.StandIn;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.OneDrive.Tests.Accounts;

/// <summary>
/// One app instance as a host wires it: <c>AddOneDriveStorage</c> and <c>AddOneDriveAccounts</c> over a token store,
/// both HTTP clients (Graph and Entra ID) answered by one <see cref="StatefulGraph"/>, on a fake clock, with every log
/// entry collected. <see cref="ConnectAsync"/> runs the real flow: authorize URL, the user's sign-in, the callback.
/// </summary>
internal sealed class OneDriveAccountsApp : IDisposable
{
    public const string StorageName = "onedrive";

    private readonly ServiceProvider _services;

    public OneDriveAccountsApp(StatefulGraph? server = null, IStorageTokenStore? tokens = null, FakeTimeProvider? time = null, Action<OneDriveStorageOptions>? configure = null)
    {
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero));
        Server = server ?? new StatefulGraph(new Uri("https://graph.microsoft.com/v1.0/"));
        Tokens = tokens ?? new InMemoryTokenStore(Time);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(Tokens);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        services.AddOneDriveStorage(StorageName, options =>
        {
            StatefulGraph.Configure(options);

            // The fake clock does not move by itself: a refused refresh logs out at once instead of waiting for a writer.
            options.RefreshConflictGracePeriod = TimeSpan.Zero;
            configure?.Invoke(options);
        })
            .ConfigurePrimaryHttpMessageHandler(() => Server)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.AddOneDriveAccounts(StorageName);
        services.AddHttpClient(OneDriveAccountsHttpClient.Name)
            .ConfigurePrimaryHttpMessageHandler(() => Server)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        _services = services.BuildServiceProvider();
    }

    public static StorageId Storage { get; } = new(StorageName);

    public FakeTimeProvider Time { get; }

    public StatefulGraph Server { get; }

    public IStorageTokenStore Tokens { get; }

    public IServiceProvider Services => _services;

    public OneDriveAccounts Accounts => _services.GetRequiredService<OneDriveAccounts>();

    public OneDriveFileStorage OneDrive => _services.GetRequiredKeyedService<OneDriveFileStorage>(StorageName);

    public FakeLogCollector Logs => _services.GetRequiredService<FakeLogCollector>();

    /// <summary>Connects a host user as the directory user <paramref name="displayName"/>, the whole way round.</summary>
    public async Task<StorageAccountConnection> ConnectAsync(HostUserId user, string displayName, string? returnUrl = null)
    {
        var request = await Accounts.BeginConnectAsync(Storage, user, returnUrl, TestContext.Current.CancellationToken);
        var callback = Server.SignIn(request.AuthorizationUri, displayName);
        return await Accounts.CompleteConnectAsync(user, StorageConnectCallback.FromUrl(callback), TestContext.Current.CancellationToken);
    }

    public async Task<StorageToken> StoredAsync(HostUserId user) =>
        (await Tokens.GetAsync(Storage, user, TestContext.Current.CancellationToken))?.Token
        ?? throw new InvalidOperationException($"No token is stored for {user}.");

    public void Dispose() => _services.Dispose();
}
