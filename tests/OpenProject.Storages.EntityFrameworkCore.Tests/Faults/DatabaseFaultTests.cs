using Microsoft.EntityFrameworkCore;

namespace OpenProject.Storages.EntityFrameworkCore.Tests.Faults;

/// <summary>A database that is down or a model without the stores' tables ends as a typed error, never a raw DbException.</summary>
public sealed class DatabaseFaultTests
{
    private static readonly StorageId Nextcloud = new("nextcloud");
    private static readonly HostUserId Alice = new("42");
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_database_that_cannot_be_reached_is_Unavailable_for_every_store_operation()
    {
        // A PostgreSQL port nobody listens on: the connection is refused at once.
        await using var context = new OpenProjectStoragesDbContext(new DbContextOptionsBuilder<OpenProjectStoragesDbContext>()
            .UseNpgsql("Host=127.0.0.1;Port=1;Username=nobody;Password=secret-password;Timeout=2").Options);
        var links = new EntityFrameworkFileLinkRepository<OpenProjectStoragesDbContext>(context, TimeProvider.System);
        var tokens = new EntityFrameworkStorageTokenStore<OpenProjectStoragesDbContext>(context);
        var states = new EntityFrameworkConnectStateStore<OpenProjectStoragesDbContext>(context, TimeProvider.System);
        var token = new StorageToken { AccessToken = "a", RefreshToken = "r", ExpiresAt = DateTimeOffset.UtcNow, StorageUserId = "alice" };
        Func<Task>[] operations =
        [
            () => links.AddAsync(new NewFileLink { Storage = Nextcloud, Container = ContainerRef.WorkPackage("1"), OriginId = new FileId("35"), Origin = new FileOriginData { Name = "a.txt" }, CreatedBy = Alice }, _ct),
            () => links.GetAsync(new FileLinkId("1"), _ct),
            () => links.ListByContainerAsync(ContainerRef.WorkPackage("1"), _ct),
            () => links.ListByOriginAsync(Nextcloud, new FileId("35"), _ct),
            () => links.RemoveAsync(new FileLinkId("1"), _ct),
            () => links.UpdateOriginDataAsync(Nextcloud, new FileId("35"), new FileOriginData { Name = "b.txt" }, _ct),
            () => tokens.GetAsync(Nextcloud, Alice, _ct),
            () => tokens.TryWriteAsync(Nextcloud, Alice, token, null, _ct),
            () => tokens.TryWriteAsync(Nextcloud, Alice, token, 7, _ct),
            () => tokens.RemoveAsync(Nextcloud, Alice, cancellationToken: _ct),
            () => states.AddAsync(new PendingStorageConnect { State = "s", Storage = Nextcloud, User = Alice, CodeVerifier = "v", ExpiresAt = DateTimeOffset.UtcNow }, _ct),
            () => states.TakeAsync("s", _ct),
        ];

        foreach (var operation in operations)
        {
            var error = await Assert.ThrowsAsync<StorageException>(operation);
            Assert.True(error.Code == StorageErrorCode.Unavailable, error.ToString());
            Assert.DoesNotContain("secret-password", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("Port=1", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_context_whose_model_lacks_the_stores_tables_is_NotConfigured_naming_the_fix()
    {
        await using var context = new BareContext();
        var tokens = new EntityFrameworkStorageTokenStore<BareContext>(context);

        var error = await Assert.ThrowsAsync<StorageException>(() => tokens.GetAsync(Nextcloud, Alice, _ct));

        Assert.Equal(StorageErrorCode.NotConfigured, error.Code);
        Assert.Contains("UseOpenProjectStorages", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_callers_own_cancellation_stays_an_OperationCanceledException()
    {
        await using var context = new OpenProjectStoragesDbContext(new DbContextOptionsBuilder<OpenProjectStoragesDbContext>().UseSqlite("Data Source=:memory:").Options);
        var tokens = new EntityFrameworkStorageTokenStore<OpenProjectStoragesDbContext>(context);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tokens.GetAsync(Nextcloud, Alice, new CancellationToken(canceled: true)));
    }

    private sealed class BareContext : DbContext
    {
        protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) => optionsBuilder.UseSqlite("Data Source=:memory:");
    }
}
