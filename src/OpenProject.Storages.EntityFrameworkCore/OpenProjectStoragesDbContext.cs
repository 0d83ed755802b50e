using Microsoft.EntityFrameworkCore;

namespace OpenProject.Storages.EntityFrameworkCore;

/// <summary>A ready <see cref="DbContext"/> with only the stores' tables, for hosts without a context of their own.</summary>
/// <param name="options">The context's options (provider and connection).</param>
public class OpenProjectStoragesDbContext(DbContextOptions<OpenProjectStoragesDbContext> options) : DbContext(options)
{
    /// <summary>The file links.</summary>
    public DbSet<FileLinkRow> FileLinks => Set<FileLinkRow>();

    /// <summary>The users' storage tokens.</summary>
    public DbSet<StorageTokenRow> StorageTokens => Set<StorageTokenRow>();

    /// <summary>The pending connect attempts.</summary>
    public DbSet<PendingConnectRow> PendingConnects => Set<PendingConnectRow>();

    /// <summary>The held project folder sync locks.</summary>
    public DbSet<SyncLeaseRow> SyncLeases => Set<SyncLeaseRow>();

    /// <summary>The managed project folders' ids.</summary>
    public DbSet<ProjectFolderRow> ProjectFolders => Set<ProjectFolderRow>();

    /// <inheritdoc/>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.UseOpenProjectStorages();
    }
}
