using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OpenProject.Storages.EntityFrameworkCore;

namespace OpenProject.Storages.Benchmarks.Stores;

/// <summary>
/// The databases the store benchmarks run on: SQLite in memory always, PostgreSQL when
/// <c>OPENPROJECT_STORAGES_POSTGRES</c> names a server (a new database is created and dropped).
/// </summary>
internal sealed class BenchmarkDatabase : IAsyncDisposable
{
    private const string PostgresVariable = "OPENPROJECT_STORAGES_POSTGRES";
    private readonly DbContextOptions<OpenProjectStoragesDbContext> _options;
    private readonly SqliteConnection? _keepAlive;

    private BenchmarkDatabase(DbContextOptions<OpenProjectStoragesDbContext> options, SqliteConnection? keepAlive)
    {
        _options = options;
        _keepAlive = keepAlive;
    }

    /// <summary>The kinds to run: <c>sqlite</c>, and <c>postgres</c> when a server is named.</summary>
    public static IEnumerable<string> Kinds =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresVariable)) ? ["sqlite"] : ["sqlite", "postgres"];

    public static async Task<BenchmarkDatabase> CreateAsync(string kind)
    {
        BenchmarkDatabase database;
        if (kind == "sqlite")
        {
            var connection = new SqliteConnection($"Data Source=file:{Guid.NewGuid():N}?mode=memory&cache=shared");
            await connection.OpenAsync();
            database = new BenchmarkDatabase(new DbContextOptionsBuilder<OpenProjectStoragesDbContext>().UseSqlite(connection.ConnectionString).Options, connection);
        }
        else
        {
            var server = Environment.GetEnvironmentVariable(PostgresVariable)!;
            var connectionString = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = $"op_bench_{Guid.NewGuid():N}" }.ConnectionString;
            database = new BenchmarkDatabase(new DbContextOptionsBuilder<OpenProjectStoragesDbContext>().UseNpgsql(connectionString).Options, null);
        }

        await using var context = database.NewContext();
        await context.Database.EnsureCreatedAsync();
        return database;
    }

    public OpenProjectStoragesDbContext NewContext() => new(_options);

    public async ValueTask DisposeAsync()
    {
        if (_keepAlive is null)
        {
            await using var context = NewContext();
            await context.Database.EnsureDeletedAsync();
        }
        else
        {
            await _keepAlive.DisposeAsync();
        }
    }
}
