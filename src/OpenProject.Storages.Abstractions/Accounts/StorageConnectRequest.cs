namespace OpenProject.Storages;

/// <summary>
/// The start of a "connect your account" attempt: where to redirect the user's browser.
/// <see cref="ToString"/> hides the URL, which carries the one-time <c>state</c>.
/// </summary>
public sealed record StorageConnectRequest
{
    /// <summary>The authorization server's authorize URL with <c>client_id</c>, <c>redirect_uri</c>, <c>state</c> and the PKCE challenge; redirect the browser here.</summary>
    public required Uri AuthorizationUri { get; init; }

    /// <summary>When the attempt expires; a callback after that is refused.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>A description without the URL.</summary>
    /// <returns>The host and expiry.</returns>
    public override string ToString() => $"StorageConnectRequest {{ Host = {AuthorizationUri.Authority}, ExpiresAt = {ExpiresAt:O}, AuthorizationUri = *** }}";
}
