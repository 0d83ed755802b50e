namespace OpenProject.Storages.Nextcloud;

/// <summary>
/// The <see cref="StorageErrorCode"/>s of connecting a user's Nextcloud account, one per way the
/// OAuth2 authorization code flow can fail. Refreshing a token fails with the well-known codes
/// (<see cref="StorageErrorCode.Unauthorized"/>, <see cref="StorageErrorCode.Unavailable"/>,
/// <see cref="StorageErrorCode.NotConfigured"/>) instead, because a Files tab only needs to know
/// whether to show "Login to Nextcloud" or "No connection".
/// </summary>
public static class NextcloudAccountErrorCodes
{
    /// <summary>The callback has no <c>state</c> parameter: it did not come from a flow this app started.</summary>
    public static StorageErrorCode StateMissing { get; } = new("Nextcloud.Connect.StateMissing");

    /// <summary>The callback's <c>state</c> was never issued (or was forgotten, for example after a restart with an in-memory state store).</summary>
    public static StorageErrorCode StateUnknown { get; } = new("Nextcloud.Connect.StateUnknown");

    /// <summary>The callback's <c>state</c> was already used: a reload of the callback page or a replayed link.</summary>
    public static StorageErrorCode StateReused { get; } = new("Nextcloud.Connect.StateReused");

    /// <summary>The callback's <c>state</c> expired: the user took longer than <see cref="NextcloudStorageOptions.ConnectStateLifetime"/>.</summary>
    public static StorageErrorCode StateExpired { get; } = new("Nextcloud.Connect.StateExpired");

    /// <summary>The callback's <c>state</c> was issued to another host user than the one completing the flow.</summary>
    public static StorageErrorCode StateUserMismatch { get; } = new("Nextcloud.Connect.StateUserMismatch");

    /// <summary>The callback arrived at another URL than the configured <see cref="NextcloudStorageOptions.OAuthRedirectUri"/>.</summary>
    public static StorageErrorCode RedirectUriMismatch { get; } = new("Nextcloud.Connect.RedirectUriMismatch");

    /// <summary>Nextcloud sent the user back with an <c>error</c> parameter (for example <c>access_denied</c>); <see cref="StorageException.Detail"/> holds it.</summary>
    public static StorageErrorCode AuthorizationFailed { get; } = new("Nextcloud.Connect.AuthorizationFailed");

    /// <summary>The callback has a valid <c>state</c> but neither a <c>code</c> nor an <c>error</c>.</summary>
    public static StorageErrorCode CodeMissing { get; } = new("Nextcloud.Connect.CodeMissing");

    /// <summary>The token endpoint answered <c>invalid_grant</c>: the PKCE verifier did not match, or the grant type is not supported.</summary>
    public static StorageErrorCode InvalidGrant { get; } = new("Nextcloud.Connect.InvalidGrant");

    /// <summary>The token endpoint answered <c>invalid_request</c>: the code is unknown, already exchanged or older than ten minutes, or the OAuth client was deleted.</summary>
    public static StorageErrorCode InvalidRequest { get; } = new("Nextcloud.Connect.InvalidRequest");

    /// <summary>The token endpoint answered <c>invalid_client</c>: the configured client id or secret is wrong.</summary>
    public static StorageErrorCode InvalidClient { get; } = new("Nextcloud.Connect.InvalidClient");

    /// <summary>The token endpoint answered with an HTML page and HTTP 200, which is how Nextcloud answers an OAuth client it does not know (or a URL that is not its OAuth app).</summary>
    public static StorageErrorCode ClientNotAuthorized { get; } = new("Nextcloud.Connect.ClientNotAuthorized");
}
