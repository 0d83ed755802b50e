using Microsoft.Extensions.DependencyInjection;
using OpenProject.Storages.Nextcloud.Tests.StandIn;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Nextcloud.Tests.DependencyInjection;

/// <summary>
/// A host's stores may be scoped (an EF Core DbContext). Every registration path builds with scope validation,
/// and the singletons reach a scoped store through a scope of their own per call, never holding one.
/// </summary>
public sealed class LifetimeTests
{
    private static readonly StorageId Storage = new("nc");
    private static readonly HostUserId Alice = new("42");
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    /// <summary>Each registration path a host may take, by name.</summary>
    private static readonly Dictionary<string, Action<IServiceCollection>> Paths = new(StringComparer.Ordinal)
    {
        ["storage"] = services => services.AddNextcloudStorage("nc", Configure),
        ["storage and accounts"] = services =>
        {
            services.AddNextcloudStorage("nc", Configure);
            services.AddNextcloudAccounts("nc");
        },
        ["everything"] = services =>
        {
            services.AddOpenProjectStorages().AddNextcloudStorage("nc", Configure).AddProjectFolders().ConfigureSetupChecks(o => o.ProjectFoldersEnabled = true);
            services.AddNextcloudAccounts("nc");
            services.AddHttpClient("host-client").AddNextcloudCredentialsHandler("nc");
        },
    };

    public static TheoryData<string> PathNames => [.. Paths.Keys];

    [Theory]
    [MemberData(nameof(PathNames))]
    public async Task Every_registration_path_builds_with_scope_validation_and_scoped_stores(string path)
    {
        var services = Host(path, new SharedTokens());
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });

        // Every closed service of the packages resolves, as the last registration of its type decides: singletons
        // from the root, the rest from a scope.
        await using var scope = provider.CreateAsyncScope();
        var effective = services
            .Where(d => !d.ServiceType.IsGenericTypeDefinition && d.ServiceType.Namespace?.StartsWith("OpenProject.Storages", StringComparison.Ordinal) == true)
            .GroupBy(d => (d.ServiceType, d.ServiceKey))
            .Select(g => g.Last());
        foreach (var descriptor in effective)
        {
            var from = descriptor.Lifetime == ServiceLifetime.Singleton ? provider : scope.ServiceProvider;
            var resolved = descriptor.IsKeyedService ? from.GetRequiredKeyedService(descriptor.ServiceType, descriptor.ServiceKey) : from.GetRequiredService(descriptor.ServiceType);
            Assert.NotNull(resolved);
        }
    }

    [Fact]
    public async Task The_token_provider_and_the_accounts_use_a_scoped_store_through_a_scope_per_call()
    {
        var shared = new SharedTokens();
        await using var provider = Host("everything", shared).BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        await shared.Tokens.TryWriteAsync(Storage, Alice, new StorageToken { AccessToken = "alice-access", RefreshToken = "alice-refresh", ExpiresAt = DateTimeOffset.UtcNow.AddHours(1), StorageUserId = "alice" }, expectedVersion: null, _ct);

        var token = await provider.GetRequiredService<NextcloudAccessTokenProvider>().GetAccessTokenAsync(Storage, Alice, cancellationToken: _ct);
        var accounts = provider.GetRequiredService<NextcloudAccounts>();
        var state = await accounts.GetConnectionStateAsync(Storage, Alice, _ct);
        await accounts.BeginConnectAsync(Storage, new HostUserId("43"), cancellationToken: _ct);
        var disconnected = await accounts.DisconnectAsync(Storage, Alice, _ct);

        Assert.Equal("alice-access", token.Value);
        Assert.Equal(StorageConnectionState.Ready, state);
        Assert.True(disconnected);
        Assert.Null(await shared.Tokens.GetAsync(Storage, Alice, _ct));
        Assert.Single(shared.States);

        // One store instance per call, each disposed with its scope: none outlives the operation that used it.
        Assert.True(shared.Created >= 3, $"{shared.Created} scoped stores were created.");
        Assert.Equal(shared.Created, shared.Disposed);
    }

    [Fact]
    public async Task The_setup_checks_reach_a_scoped_token_store_without_resolving_it_from_the_root()
    {
        var shared = new SharedTokens();
        await using var provider = Host("everything", shared).BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        var validator = provider.GetRequiredKeyedService<IStorageSetupValidator>("nc");

        // The server is unreachable (a reserved address): the report says so; what matters is that nothing threw for the scope.
        var report = await validator.ValidateSetupAsync(new StorageSetupValidationContext { ActingUser = Alice }, _ct);

        Assert.NotEmpty(report.Checks);
    }

    private static void Configure(NextcloudStorageOptions options)
    {
        options.BaseAddress = new Uri("https://cloud.invalid/");
        options.TechnicalUserAppPassword = NextcloudTestHost.TechnicalPassword;
        options.OAuthClientId = "client-id";
        options.OAuthClientSecret = "client-secret";
        options.OAuthRedirectUri = new Uri("https://app.example.com/callback");
    }

    private static ServiceCollection Host(string path, SharedTokens shared)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        Paths[path](services);
        services.AddSingleton(shared);

        // The host's own stores, all scoped, as on a DbContext.
        services.AddScoped<IFileLinkRepository, InMemoryFileLinkRepository>();
        services.AddScoped<IFileLinkAuthorization, InMemoryFileLinkAuthorization>();
        services.AddScoped<IStorageTokenStore, ScopedTokenStoreStandIn>();
        services.AddScoped<IStorageConnectStateStore, ScopedStateStoreStandIn>();
        return services;
    }

    /// <summary>What the scoped stores share, as a database would, and how many of them lived.</summary>
    private sealed class SharedTokens
    {
        private int _created;
        private int _disposed;

        public InMemoryTokenStore Tokens { get; } = new();

        public List<PendingStorageConnect> States { get; } = [];

        public int Created => _created;

        public int Disposed => _disposed;

        public void Born() => Interlocked.Increment(ref _created);

        public void Died() => Interlocked.Increment(ref _disposed);
    }

    /// <summary>A scoped token store, like one on a DbContext: usable until its scope ends.</summary>
    private sealed class ScopedTokenStoreStandIn : IStorageTokenStore, IDisposable
    {
        private readonly SharedTokens _shared;
        private bool _disposed;

        public ScopedTokenStoreStandIn(SharedTokens shared)
        {
            _shared = shared;
            shared.Born();
        }

        public Task<StoredStorageToken?> GetAsync(StorageId storage, HostUserId user, CancellationToken cancellationToken = default) =>
            Alive().GetAsync(storage, user, cancellationToken);

        public Task<StoredStorageToken?> TryWriteAsync(StorageId storage, HostUserId user, StorageToken token, long? expectedVersion, CancellationToken cancellationToken = default) =>
            Alive().TryWriteAsync(storage, user, token, expectedVersion, cancellationToken);

        public Task<bool> RemoveAsync(StorageId storage, HostUserId user, long? expectedVersion = null, CancellationToken cancellationToken = default) =>
            Alive().RemoveAsync(storage, user, expectedVersion, cancellationToken);

        public void Dispose()
        {
            _disposed = true;
            _shared.Died();
        }

        private InMemoryTokenStore Alive() => _disposed ? throw new ObjectDisposedException(nameof(ScopedTokenStoreStandIn)) : _shared.Tokens;
    }

    /// <summary>A scoped connect-state store.</summary>
    private sealed class ScopedStateStoreStandIn : IStorageConnectStateStore, IDisposable
    {
        private readonly SharedTokens _shared;

        public ScopedStateStoreStandIn(SharedTokens shared)
        {
            _shared = shared;
            shared.Born();
        }

        public Task AddAsync(PendingStorageConnect pending, CancellationToken cancellationToken = default)
        {
            lock (_shared.States)
            {
                _shared.States.Add(pending);
            }

            return Task.CompletedTask;
        }

        public Task<PendingStorageConnect?> TakeAsync(string state, CancellationToken cancellationToken = default)
        {
            lock (_shared.States)
            {
                var found = _shared.States.Find(p => p.State == state);
                _shared.States.Remove(found!);
                return Task.FromResult(found);
            }
        }

        public void Dispose() => _shared.Died();
    }
}
