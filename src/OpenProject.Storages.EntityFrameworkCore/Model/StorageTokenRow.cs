namespace OpenProject.Storages.EntityFrameworkCore;

/// <summary>A user's tokens for one storage, as stored; <see cref="Version"/> is the concurrency token every write checks.</summary>
public sealed class StorageTokenRow
{
    /// <summary>The storage's id.</summary>
    public string StorageId { get; set; } = string.Empty;

    /// <summary>The host user's id.</summary>
    public string UserId { get; set; } = string.Empty;

    /// <summary>The access token.</summary>
    public string AccessToken { get; set; } = string.Empty;

    /// <summary>The refresh token, when the storage gave one.</summary>
    public string? RefreshToken { get; set; }

    /// <summary>When the access token expires.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The user's id in the storage.</summary>
    public string StorageUserId { get; set; } = string.Empty;

    /// <summary>Changes with every write; a write names the version it read.</summary>
    public long Version { get; set; }

    /// <summary>
    /// Until when (UTC ticks) an app instance holds the claim to refresh this version of the token; 0 when nobody does.
    /// Every write clears it.
    /// </summary>
    public long RefreshClaimedUntilUtcTicks { get; set; }
}
