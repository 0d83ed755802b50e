namespace OpenProject.Storages.Nextcloud;

/// <summary>
/// The settings of one Nextcloud storage, configured by name through
/// <c>services.AddNextcloudStorage("name", options =&gt; ...)</c> and validated at start-up.
/// <see cref="ToString"/> never shows a secret.
/// </summary>
public sealed class NextcloudStorageOptions : IStorageAccountOptions
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
    /// Uploads of a known length of this many bytes or more use Nextcloud's chunked upload (v2); smaller ones are
    /// one streaming <c>PUT</c> with <c>Content-Length</c> (default 4 GiB). A stream of unknown length is one
    /// streaming <c>PUT</c> with <c>Transfer-Encoding: chunked</c> whatever its size, since its size is only known
    /// at its end; set <see cref="ForceChunkedUpload"/> for a server that limits request bodies. One PUT writes
    /// each byte once on the server; chunked upload writes it twice (the chunks, then the assembly) and pays a
    /// request per chunk, so it is several times slower.
    /// </summary>
    public long ChunkedUploadThreshold { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>
    /// Sends every upload with Nextcloud's chunked upload (v2), whatever its size (default off): for a proxy in
    /// front of Nextcloud that limits the size of a request body. Without it, a single <c>PUT</c> that the server
    /// refuses with 413 or 411 before any byte of the caller's stream was read (or of a seekable stream, which
    /// is rewound) is sent again as a chunked upload.
    /// </summary>
    public bool ForceChunkedUpload { get; set; }

    /// <summary>
    /// The size of each chunk of a chunked upload (default 10 MiB, as Nextcloud's own clients; between
    /// 1 MiB and 1 GiB). Nextcloud on S3 object storage needs at least 5 MB per chunk. Each chunk is read into a
    /// buffer before it is sent, so an upload holds at most (<see cref="UploadChunkConcurrency"/> + 1) × this size;
    /// the storage keeps that many buffers for its next chunked upload.
    /// </summary>
    public long UploadChunkSize { get; set; } = 10L * 1024 * 1024;

    /// <summary>
    /// How many chunks of one chunked upload are sent at the same time (default 4, between 1 and 16); the
    /// caller's stream is still read once, in order, while they are sent.
    /// </summary>
    public int UploadChunkConcurrency { get; set; } = 4;

    /// <summary>
    /// How many file ids one <c>filesinfo</c> request asks for (default 100, between 1 and 1,000). With
    /// <see cref="FilesInfoMaxConcurrency"/> it decides how fast the Files tab fills: against a server that takes
    /// 90 ms per request and 1 ms per id, 1,000 ids take 0.54× one bulk request at the defaults (the curve is in
    /// docs/performance.md, so a host can tune for its server).
    /// </summary>
    public int FilesInfoBatchSize { get; set; } = 100;

    /// <summary>How many <c>filesinfo</c> batches run at the same time (default 4, between 1 and 16).</summary>
    public int FilesInfoMaxConcurrency { get; set; } = 4;

    /// <summary>
    /// The longest <c>Retry-After</c> wait honoured before a safe request is retried (default 30 seconds, at
    /// most 10 minutes; zero never waits for the server). When Nextcloud asks for a longer wait (or a date far
    /// away), the call is not retried: it ends as <see cref="StorageErrorCode.Unavailable"/> and its message
    /// says how long Nextcloud asked to wait.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one metadata request (PROPFIND, OCS, MKCOL, MOVE, DELETE, upload token, setup request as a user)
    /// may take from the send to the last byte of its answer, retries included (default 2 minutes). Past it the
    /// call ends with <see cref="StorageErrorCode.Unavailable"/> "timed out after N s".
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long one attempt of a metadata request may wait for its headers, and how long its body may then take
    /// to arrive (default 30 seconds; at most <see cref="RequestTimeout"/>).
    /// </summary>
    public TimeSpan RequestAttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How large a metadata answer's body (OCS, JSON, error bodies) may be, counted after decompression
    /// (default 4 MiB). A larger one ends the call with <see cref="StorageErrorCode.InvalidResponse"/>.
    /// </summary>
    public long MaxResponseBodySize { get; set; } = 4L * 1024 * 1024;

    /// <summary>
    /// How large a 207 multistatus body (a PROPFIND listing) may be, counted after decompression (default
    /// 64 MiB, some 100,000 entries). A larger one ends the call with <see cref="StorageErrorCode.InvalidResponse"/>.
    /// </summary>
    public long MaxMultiStatusBodySize { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// How long a download or upload may make no progress (no byte read from Nextcloud, no byte of the upload
    /// sent, or no answer after the last byte) before it ends with <see cref="StorageErrorCode.Unavailable"/>
    /// (default 2 minutes). A slow but moving transfer is never cut.
    /// </summary>
    public TimeSpan TransferIdleTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a call of the OAuth token endpoint (a refresh, a code exchange, the user look-up) may take from
    /// the send to the last byte (default 30 seconds). A refresh shared by several requests of a user ends for
    /// all of them after this; each waiting request can still be cancelled on its own.
    /// </summary>
    public TimeSpan TokenRequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

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
