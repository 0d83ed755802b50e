using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using OpenProject.Storages.EntityFrameworkCore;
using OpenProject.Storages.Nextcloud;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Benchmarks.Stores;

/// <summary>
/// The EF Core stores on the hot paths of a request, each with a new context as a request scope has it:
/// the Files tab of a work package with 1,000 links (repository read plus the in-memory storage's live status),
/// and a user's token read. The cached token path of <see cref="NextcloudAccessTokenProvider"/> must not reach
/// the database at all. Run with:
/// <c>dotnet run -c Release --project benchmarks/OpenProject.Storages.Benchmarks -- --filter '*StoreBenchmarks*' --job short</c>
/// (PostgreSQL rows when <c>OPENPROJECT_STORAGES_POSTGRES</c> is set).
/// </summary>
[MemoryDiagnoser]
public class StoreBenchmarks : IAsyncDisposable
{
    private const int Links = 1_000;
    private static readonly HostUserId User = new("alice");
    private static readonly StorageId Cloud = new("cloud");
    private static readonly ContainerRef WorkPackage = ContainerRef.WorkPackage("1");

    private BenchmarkDatabase? _database;
    private InMemoryFileStorage _storage = null!;
    private InMemoryFileLinkAuthorization _authorization = null!;
    private ServiceProvider? _services;
    private NextcloudAccessTokenProvider _tokens = null!;

    public static IEnumerable<string> Databases => BenchmarkDatabase.Kinds;

    [ParamsSource(nameof(Databases))]
    public string Database { get; set; } = "sqlite";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _database = await BenchmarkDatabase.CreateAsync(Database);
        _storage = new InMemoryFileStorage(Cloud, "Nextcloud");
        _storage.AddUser("alice", "Alice");
        _storage.Connect(User, "alice");
        _authorization = new InMemoryFileLinkAuthorization();
        _authorization.AllowEverything(User);
        var ids = new List<FileId>(Links);
        for (var i = 0; i < Links; i++)
        {
            ids.Add(_storage.AddFile(StoragePath.Parse($"/Projects/file {i:D5}.txt"), "x", "text/plain", "Alice").Id);
        }

        await using (var context = _database.NewContext())
        {
            await Service(context).LinkFilesAsync(User, WorkPackage, Cloud, ids);
            await new EntityFrameworkStorageTokenStore<OpenProjectStoragesDbContext>(context).TryWriteAsync(new StorageId("nc"), User, new StorageToken { AccessToken = "access", RefreshToken = "refresh", ExpiresAt = DateTimeOffset.UtcNow.AddHours(2), StorageUserId = "alice" }, null);
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddScoped(_ => _database.NewContext());
        services.AddNextcloudStorage("nc", o =>
        {
            o.BaseAddress = new Uri("https://cloud.example.com/");
            o.OAuthClientId = "id";
            o.OAuthClientSecret = "secret";
            o.OAuthRedirectUri = new Uri("https://op.example.com/callback");
        });
        services.AddNextcloudAccounts("nc");
        services.AddSingleton<IFileLinkAuthorization>(_authorization);
        services.AddOpenProjectStorageStores<OpenProjectStoragesDbContext>();
        _services = services.BuildServiceProvider();
        _tokens = _services.GetRequiredService<NextcloudAccessTokenProvider>();
        await _tokens.GetAccessTokenAsync(new StorageId("nc"), User);
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
            _services = null;
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
            _database = null;
        }

        GC.SuppressFinalize(this);
    }

    [Benchmark(Description = "Files tab, 1,000 links (new context)")]
    public async Task<int> FilesTab()
    {
        await using var context = _database!.NewContext();
        var tab = await Service(context).ListFileLinksAsync(User, WorkPackage);
        return tab.Storages[0].Links.Count;
    }

    [Benchmark(Description = "Token read from the store (new context)")]
    public async Task<long> TokenRead()
    {
        await using var context = _database!.NewContext();
        var stored = await new EntityFrameworkStorageTokenStore<OpenProjectStoragesDbContext>(context).GetAsync(new StorageId("nc"), User);
        return stored!.Version;
    }

    [Benchmark(Description = "Token provider, valid token cached")]
    public async Task<int> CachedToken() => (await _tokens.GetAccessTokenAsync(new StorageId("nc"), User)).Value.Length;

    private FileLinkService Service(OpenProjectStoragesDbContext context) =>
        new(new FileStorageCatalog([_storage]), new EntityFrameworkFileLinkRepository<OpenProjectStoragesDbContext>(context, TimeProvider.System), _authorization, new DefaultStorageProblemDescriber());
}
