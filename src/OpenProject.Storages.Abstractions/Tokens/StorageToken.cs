namespace OpenProject.Storages;

/// <summary>
/// A user's credentials for one storage, as the token store keeps them. <see cref="ToString"/> never
/// shows the tokens.
/// </summary>
public sealed record StorageToken
{
    /// <summary>The access token sent with requests.</summary>
    public required string AccessToken { get; init; }

    /// <summary>The refresh token (single-use: the storage rotates it on every refresh), if any.</summary>
    public string? RefreshToken { get; init; }

    /// <summary>When the access token expires.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The user's id in the storage (Nextcloud's user id, used in WebDAV paths; for OneDrive the user's Entra object id).</summary>
    public required string StorageUserId { get; init; }

    /// <summary>A description without the tokens.</summary>
    /// <returns>The storage user id and expiry.</returns>
    public override string ToString() => $"StorageToken {{ StorageUserId = {StorageUserId}, ExpiresAt = {ExpiresAt:O}, AccessToken = ***, RefreshToken = *** }}";
}
