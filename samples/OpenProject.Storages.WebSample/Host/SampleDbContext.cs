using Microsoft.EntityFrameworkCore;

namespace OpenProject.Storages.WebSample.Host;

/// <summary>The host's database: the library's tables (links, tokens, connect attempts) in the host's own context.</summary>
public sealed class SampleDbContext(DbContextOptions<SampleDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.UseOpenProjectStorages();
    }
}
