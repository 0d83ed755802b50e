namespace OpenProject.Storages.Nextcloud;

/// <summary>
/// The settings of one Nextcloud storage, configured by name through
/// <c>services.AddNextcloudStorage("name", options =&gt; ...)</c> and validated at start-up.
/// <see cref="ToString"/> never shows a secret.
/// </summary>
public sealed class NextcloudStorageOptions
{
    /// <summary>The Nextcloud base URL, including a sub-path if Nextcloud is installed under one (<c>https://host/nextcloud/</c>).</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Allows plain <c>http</c> to a host other than loopback. Off by default: tokens must not travel unencrypted.</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>The technical user that project folders and health checks act as (default <c>OpenProject</c>).</summary>
    public string TechnicalUserName { get; set; } = "OpenProject";

    /// <summary>The technical user's app password; it may contain <c>:</c> and any symbol. Required for technical-user operations.</summary>
    public string? TechnicalUserAppPassword { get; set; }

    /// <summary>The OAuth2 client id Nextcloud issued for this host app.</summary>
    public string? OAuthClientId { get; set; }

    /// <summary>The OAuth2 client secret Nextcloud issued for this host app.</summary>
    public string? OAuthClientSecret { get; set; }

    /// <summary>The host's OAuth callback URL, exactly as registered in Nextcloud.</summary>
    public Uri? OAuthRedirectUri { get; set; }

    /// <summary>How long before expiry an access token is refreshed (default one minute).</summary>
    public TimeSpan TokenRefreshSkew { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a "Connect to Nextcloud" attempt may take, from the authorize redirect to the callback
    /// (default 15 minutes). The <c>state</c> expires after this and cannot be used again.
    /// </summary>
    public TimeSpan ConnectStateLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long a token read from the token store is reused in this process before the store is read
    /// again (default 30 seconds). It bounds how long another app instance's disconnect or refresh stays
    /// unseen here; <see cref="TimeSpan.Zero"/> reads the store on every request.
    /// </summary>
    public TimeSpan TokenCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// When Nextcloud refuses a refresh token, how long to keep re-reading the token store for a token that
    /// another app instance may just have rotated, before the user is logged out (default 2 seconds).
    /// </summary>
    public TimeSpan RefreshConflictGracePeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The name of the team folder that holds the automatically managed project folders (default <c>OpenProject</c>).</summary>
    public string TeamFolderName { get; set; } = "OpenProject";

    /// <summary>The Nextcloud group of users with access to project folders (default <c>OpenProject</c>).</summary>
    public string GroupName { get; set; } = "OpenProject";

    /// <summary>
    /// Uploads of this many bytes or more use Nextcloud's chunked upload (v2); smaller ones are one
    /// <c>PUT</c> (default 10 MiB). A stream whose length is unknown is read one chunk at a time.
    /// </summary>
    public long ChunkedUploadThreshold { get; set; } = 10L * 1024 * 1024;

    /// <summary>
    /// The size of each chunk of a chunked upload (default 10 MiB, as Nextcloud's own clients; between
    /// 1 MiB and 1 GiB). Nextcloud on S3 object storage needs at least 5 MB per chunk. A seekable stream is
    /// sent without buffering; a stream of unknown length holds two chunks while it is uploaded (one sent,
    /// the next read), and the storage keeps those two buffers for its next such upload.
    /// </summary>
    public long UploadChunkSize { get; set; } = 10L * 1024 * 1024;

    /// <summary>How many file ids one <c>filesinfo</c> request asks for (default 100).</summary>
    public int FilesInfoBatchSize { get; set; } = 100;

    /// <summary>How many <c>filesinfo</c> batches run at the same time (default 2).</summary>
    public int FilesInfoMaxConcurrency { get; set; } = 2;

    /// <summary>
    /// The most entries a buffered WebDAV listing collects (default 100,000): <see cref="NextcloudFileStorage.ListFolderAsync"/>,
    /// <see cref="NextcloudFileStorage.GetPathToIdMapAsync"/> and the name check of a "keep both" upload. A larger
    /// answer ends as <see cref="StorageErrorCode.InvalidResponse"/> naming this limit, instead of taking the
    /// process's memory (about 600 bytes per entry, so some 60 MB at the default); read a folder that large with
    /// <see cref="NextcloudFileStorage.EnumerateFolderAsync"/>, which holds one entry at a time.
    /// </summary>
    public int MaxListingEntries { get; set; } = 100_000;

    /// <summary>A description without secrets.</summary>
    /// <returns>The base address and user names.</returns>
    public override string ToString() =>
        $"NextcloudStorageOptions {{ BaseAddress = {BaseAddress}, TechnicalUserName = {TechnicalUserName}, TechnicalUserAppPassword = {(TechnicalUserAppPassword is null ? "(none)" : "***")}, OAuthClientId = {OAuthClientId}, OAuthClientSecret = {(OAuthClientSecret is null ? "(none)" : "***")} }}";
}
