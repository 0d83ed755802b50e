using Microsoft.Extensions.Time.Testing;
using OpenProject.Storages.EntityFrameworkCore.Tests.Databases;
using OpenProject.Storages.ProjectFolders;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.EntityFrameworkCore.Tests.Stores;

/// <summary>
/// The three stores of one kind (in memory, EF Core on SQLite, EF Core on PostgreSQL) over one set of data.
/// Each <c>New…</c> call is what a new scope (or another app instance) would get: for EF Core, a new context.
/// </summary>
public sealed class StoreSet : IStoreConformanceFixture, IAsyncDisposable
{
    private readonly TestDatabase? _database;
    private readonly List<IAsyncDisposable> _contexts = [];
    private readonly InMemoryFileLinkRepository? _links;
    private readonly InMemoryTokenStore? _tokens;
    private readonly InMemoryConnectStateStore? _states;
    private readonly InMemoryProjectFolderStateStore? _folders;

    private StoreSet(TestDatabase? database)
    {
        _database = database;
        if (database is null)
        {
            _links = new InMemoryFileLinkRepository(Time);
            _tokens = new InMemoryTokenStore();
            _states = new InMemoryConnectStateStore(Time);
            _folders = new InMemoryProjectFolderStateStore();
        }
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));

    public static async Task<StoreSet> OpenAsync(string kind) => kind switch
    {
        "in-memory" => new StoreSet(null),
        "sqlite" => new StoreSet(await TestDatabase.SqliteAsync()),
        "postgres" => new StoreSet(await TestDatabase.PostgresAsync()),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    IFileLinkRepository IStoreConformanceFixture.NewLinkRepository() => NewLinks();

    IStorageTokenStore IStoreConformanceFixture.NewTokenStore() => NewTokens();

    IProjectFolderStateStore IStoreConformanceFixture.NewProjectFolderStateStore() =>
        _folders ?? (IProjectFolderStateStore)new EntityFrameworkProjectFolderStateStore<OpenProjectStoragesDbContext>(Context());

    public IFileLinkRepository NewLinks() => _links ?? (IFileLinkRepository)new EntityFrameworkFileLinkRepository<OpenProjectStoragesDbContext>(Context(), Time);

    public IStorageTokenStore NewTokens() => _tokens ?? (IStorageTokenStore)new EntityFrameworkStorageTokenStore<OpenProjectStoragesDbContext>(Context());

    public IStorageConnectStateStore NewStates() => _states ?? (IStorageConnectStateStore)new EntityFrameworkConnectStateStore<OpenProjectStoragesDbContext>(Context(), Time);

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private OpenProjectStoragesDbContext Context()
    {
        var context = _database!.NewContext();
        lock (_contexts)
        {
            _contexts.Add(context);
        }

        return context;
    }
}
