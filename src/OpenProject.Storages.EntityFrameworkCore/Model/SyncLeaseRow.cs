namespace OpenProject.Storages.EntityFrameworkCore;

/// <summary>A held project folder sync lock: who holds it and until when.</summary>
public sealed class SyncLeaseRow
{
    /// <summary>The lock's name, the key.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>A random id of the holder, so that only the holder frees it.</summary>
    public string Holder { get; set; } = string.Empty;

    /// <summary>When the lease ends, in UTC ticks.</summary>
    public long ExpiresAtUtcTicks { get; set; }
}
