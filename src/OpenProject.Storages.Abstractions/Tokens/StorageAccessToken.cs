namespace OpenProject.Storages;

/// <summary>A valid access token for one request, and whose it is in the storage. <see cref="ToString"/> hides the token.</summary>
public sealed record StorageAccessToken
{
    /// <summary>The token to send (for example as <c>Authorization: Bearer</c>).</summary>
    public required string Value { get; init; }

    /// <summary>The user's id in the storage.</summary>
    public required string StorageUserId { get; init; }

    /// <summary>When the token expires.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>A description without the token.</summary>
    /// <returns>The storage user id and expiry.</returns>
    public override string ToString() => $"StorageAccessToken {{ StorageUserId = {StorageUserId}, ExpiresAt = {ExpiresAt:O}, Value = *** }}";
}
