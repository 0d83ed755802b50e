using OpenProject.Storages.EntityFrameworkCore;

namespace Microsoft.EntityFrameworkCore;

/// <summary>Adds the stores' tables to a host's own model.</summary>
public static class StorageModelBuilderExtensions
{
    private static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, long> UtcTicks =
        new(value => value.UtcTicks, ticks => new DateTimeOffset(ticks, TimeSpan.Zero));

    /// <summary>
    /// Adds the tables of <see cref="FileLinkRow"/>, <see cref="StorageTokenRow"/> and
    /// <see cref="PendingConnectRow"/>, <see cref="SyncLeaseRow"/> and <see cref="ProjectFolderRow"/> to the model, with their keys and indexes: the Files tab reads links by
    /// container, the reverse lookup by storage and file id, and a link is unique per (container, storage, file),
    /// so two concurrent adds of the same link leave one row. Call it from <c>OnModelCreating</c>.
    /// </summary>
    /// <param name="modelBuilder">The host's model builder.</param>
    /// <returns>The model builder.</returns>
    public static ModelBuilder UseOpenProjectStorages(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<FileLinkRow>(link =>
        {
            link.ToTable("storage_file_links");
            link.HasKey(l => l.Id);
            link.Property(l => l.StorageId).HasMaxLength(StorageModelLimits.StorageId);
            link.Property(l => l.ContainerType).HasMaxLength(StorageModelLimits.ContainerType);
            link.Property(l => l.ContainerId).HasMaxLength(StorageModelLimits.ContainerId);
            link.Property(l => l.OriginId).HasMaxLength(StorageModelLimits.OriginId);
            link.Property(l => l.CreatedBy).HasMaxLength(StorageModelLimits.UserId);
            // The origin dates are compared with the storage's live ones on every Files tab view (a difference is
            // written back): kept as UTC ticks, they round-trip exactly, where timestamptz would cut them to microseconds
            // and make every view rewrite every link.
            link.Property(l => l.OriginCreatedAt).HasConversion(UtcTicks);
            link.Property(l => l.OriginLastModifiedAt).HasConversion(UtcTicks);
            link.HasIndex(l => new { l.ContainerType, l.ContainerId, l.StorageId, l.OriginId }).IsUnique();
            link.HasIndex(l => new { l.StorageId, l.OriginId });
        });
        modelBuilder.Entity<StorageTokenRow>(token =>
        {
            token.ToTable("storage_tokens");
            token.HasKey(t => new { t.StorageId, t.UserId });
            token.Property(t => t.StorageId).HasMaxLength(StorageModelLimits.StorageId);
            token.Property(t => t.UserId).HasMaxLength(StorageModelLimits.UserId);
            token.Property(t => t.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<PendingConnectRow>(pending =>
        {
            pending.ToTable("storage_pending_connects");
            pending.HasKey(p => p.State);
            pending.Property(p => p.State).HasMaxLength(StorageModelLimits.State);
            pending.Property(p => p.StorageId).HasMaxLength(StorageModelLimits.StorageId);
            pending.Property(p => p.UserId).HasMaxLength(StorageModelLimits.UserId);
            pending.HasIndex(p => p.ExpiresAtUtcTicks);
        });
        modelBuilder.Entity<SyncLeaseRow>(lease =>
        {
            lease.ToTable("storage_sync_leases");
            lease.HasKey(l => l.Name);
            lease.Property(l => l.Name).HasMaxLength(StorageModelLimits.State);
            lease.Property(l => l.Holder).HasMaxLength(32);
        });
        modelBuilder.Entity<ProjectFolderRow>(folder =>
        {
            folder.ToTable("storage_project_folders");
            folder.HasKey(f => new { f.StorageId, f.ProjectId });
            folder.Property(f => f.StorageId).HasMaxLength(StorageModelLimits.StorageId);
            folder.Property(f => f.ProjectId).HasMaxLength(StorageModelLimits.ContainerId);
            folder.Property(f => f.FolderId).HasMaxLength(StorageModelLimits.OriginId);
        });
        return modelBuilder;
    }
}
