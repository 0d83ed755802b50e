using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace OpenProject.Storages.EntityFrameworkCore.Tests.Databases;

/// <summary>A fresh database with the stores' tables, and a new context on it per call, as a scope would get.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    /// <summary>The environment variable with a PostgreSQL connection string (a user that may create databases).</summary>
    public const string PostgresVariable = "OPENPROJECT_STORAGES_POSTGRES";

    public abstract OpenProjectStoragesDbContext NewContext();

    public abstract ValueTask DisposeAsync();

    /// <summary>An SQLite database in memory, alive while this object is.</summary>
    public static async Task<TestDatabase> SqliteAsync()
    {
        var database = new SqliteDatabase();
        await using var context = database.NewContext();
        await context.Database.EnsureCreatedAsync();
        return database;
    }

    /// <summary>A new PostgreSQL database on the server <see cref="PostgresVariable"/> names; the test is skipped, saying why, without one.</summary>
    public static async Task<TestDatabase> PostgresAsync()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            Assert.Skip($"Set {PostgresVariable} to a PostgreSQL connection string (a user that may create databases) to run the PostgreSQL store tests; .ci/run starts a throwaway server and sets it.");
        }

        var database = new PostgresDatabase(server);
        await using var context = database.NewContext();
        await context.Database.EnsureCreatedAsync();
        return database;
    }

    private sealed class SqliteDatabase : TestDatabase
    {
        private readonly SqliteConnection _keepAlive;
        private readonly string _connectionString = $"Data Source=file:{Guid.NewGuid():N}?mode=memory&cache=shared";

        public SqliteDatabase()
        {
            _keepAlive = new SqliteConnection(_connectionString);
            _keepAlive.Open();
        }

        public override OpenProjectStoragesDbContext NewContext() =>
            new(new DbContextOptionsBuilder<OpenProjectStoragesDbContext>().UseSqlite(_connectionString).Options);

        public override async ValueTask DisposeAsync() => await _keepAlive.DisposeAsync();
    }

    private sealed class PostgresDatabase(string server) : TestDatabase
    {
        private readonly string _connectionString = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = $"op_storages_{Guid.NewGuid():N}" }.ConnectionString;

        public override OpenProjectStoragesDbContext NewContext() =>
            new(new DbContextOptionsBuilder<OpenProjectStoragesDbContext>().UseNpgsql(_connectionString).Options);

        public override async ValueTask DisposeAsync()
        {
            await using var context = NewContext();
            await context.Database.EnsureDeletedAsync();
        }
    }
}
