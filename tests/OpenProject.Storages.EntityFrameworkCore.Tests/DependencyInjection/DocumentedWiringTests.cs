using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace OpenProject.Storages.EntityFrameworkCore.Tests.DependencyInjection;

/// <summary>The wiring of docs/entity-framework-core.md, as written there (SQLite in place of PostgreSQL).</summary>
public sealed class DocumentedWiringTests
{
    [Fact]
    public async Task A_host_context_with_UseOpenProjectStorages_stores_links_through_the_registered_repository()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var keepAlive = new SqliteConnection($"Data Source=file:{Guid.NewGuid():N}?mode=memory&cache=shared");
        await keepAlive.OpenAsync(ct);
        var services = new ServiceCollection();
        services.AddDbContext<AppDbContext>(options => options.UseSqlite(keepAlive.ConnectionString));
        services.AddOpenProjectStorageStores<AppDbContext>();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.EnsureCreatedAsync(ct);
        var links = scope.ServiceProvider.GetRequiredService<IFileLinkRepository>();

        var added = await links.AddAsync(new NewFileLink { Storage = new StorageId("nextcloud"), Container = ContainerRef.WorkPackage("7"), OriginId = new FileId("35"), Origin = new FileOriginData { Name = "a.txt" }, CreatedBy = new HostUserId("42") }, ct);

        Assert.Equal([added], await links.ListByContainerAsync(ContainerRef.WorkPackage("7"), ct));
    }

    /// <summary>As in the docs.</summary>
    public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            base.OnModelCreating(modelBuilder);
            modelBuilder.UseOpenProjectStorages();
        }
    }
}
