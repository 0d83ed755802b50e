namespace OpenProject.Storages.OneDrive;

/// <summary>How to reach one OneDrive/SharePoint drive through Microsoft Graph, and the limits on what is read from it.</summary>
public sealed class OneDriveStorageOptions : IStorageAccountOptions
{
    /// <summary>The Graph address all calls go under; <c>https://graph.microsoft.com/v1.0/</c> unless a national cloud is used.</summary>
    public Uri GraphBaseAddress { get; set; } = new("https://graph.microsoft.com/v1.0/");

    /// <summary>The drive id (<c>b!</c> followed by 64 base64url characters for a SharePoint document library).</summary>
    public string DriveId { get; set; } = string.Empty;

    /// <summary>The Entra ID tenant (a GUID or a verified domain) of the app registration; needed for the app-only token.</summary>
    public string? TenantId { get; set; }

    /// <summary>The app registration's client (application) id.</summary>
    public string? ClientId { get; set; }

    /// <summary>The app registration's client secret. Never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Where Entra ID's token endpoints are: <c>https://login.microsoftonline.com/</c> unless a national cloud is used.</summary>
    public Uri AuthorityBaseAddress { get; set; } = new("https://login.microsoftonline.com/");

    /// <summary>
    /// The host's OAuth callback URL, registered as a "Web" redirect URI of the app registration; user accounts
    /// (<c>AddOneDriveAccounts</c>) need it. No query or fragment.
    /// </summary>
    public Uri? OAuthRedirectUri { get; set; }

    /// <summary>How long before expiry a user's access token is refreshed (default 1 minute).</summary>
    public TimeSpan TokenRefreshSkew { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a user's token read from the token store is used from memory before it is read again (default 30 s; zero reads every time), so other app instances see a disconnect or a refresh.</summary>
    public TimeSpan TokenCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a refresh refused with <c>invalid_grant</c> waits for another app instance to store a token it may just have rotated, before the user must log in again (default 2 s).</summary>
    public TimeSpan RefreshConflictGracePeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a "connect OneDrive" attempt may take from the authorize redirect to the callback (default 15 minutes).</summary>
    public TimeSpan ConnectStateLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long one request to Entra ID's token endpoint may take (default 30 s); a refresh is never retried.</summary>
    public TimeSpan TokenRequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Where <see cref="IFileStorage.GetOpenLink"/> points: a host endpoint that resolves the item's <c>webUrl</c>
    /// with <see cref="OneDriveFileStorage.GetWebUrlAsync"/> for the signed-in user and redirects there. Graph
    /// item ids do not make a browsable URL on their own.
    /// </summary>
    public Uri? OpenLinkBaseAddress { get; set; }

    /// <summary>How long one response may take, headers and body together.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest response body read, in bytes.</summary>
    public long MaxResponseBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>The most children a folder listing collects before it is refused.</summary>
    public int MaxListingChildren { get; set; } = 10_000;

    /// <summary>The page size asked for with <c>$top</c> (Graph caps it at 1,000 anyway).</summary>
    public int PageSize { get; set; } = 1_000;

    /// <summary>The longest <c>Retry-After</c> waited for once when Graph throttles (429/503); a longer one fails as <see cref="StorageErrorCode.Unavailable"/>.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many <c>$batch</c> requests of 20 items run at the same time when many files are read (default 4, between
    /// 1 and 16): the Files tab of 1,000 links is 50 batches (docs/performance.md has the measurements).
    /// </summary>
    public int MaxBatchConcurrency { get; set; } = 4;

    /// <summary>
    /// How long one read of a download may go without progress, and how long one upload request (a range, or the single
    /// <c>PUT</c>) may take with its answer, before it fails as <see cref="StorageErrorCode.Unavailable"/> (default 60 s; at
    /// least <see cref="ResponseTimeout"/> is allowed for an upload request).
    /// </summary>
    public TimeSpan TransferIdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Files up to this size go up in one <c>PUT …/content</c>; larger ones (and streams whose length is unknown past
    /// this size) through an upload session in ranges of <see cref="UploadChunkSize"/>. Graph documents 4 MiB for the
    /// single request.
    /// </summary>
    public int SimpleUploadLimit { get; set; } = 4 * 1024 * 1024;

    /// <summary>The size of one range sent to an upload session: a multiple of 320 KiB (Graph's rule), at most 60 MiB.</summary>
    public int UploadChunkSize { get; set; } = 16 * UploadChunkUnit;

    /// <summary>The unit every upload range except the last must be a multiple of: 320 KiB.</summary>
    public const int UploadChunkUnit = 320 * 1024;

    /// <summary>The largest range Graph takes in one request of an upload session: 60 MiB.</summary>
    public const int MaxUploadChunkSize = 60 * 1024 * 1024;

    internal void Validate()
    {
        if (AuthorityBaseAddress is null || !AuthorityBaseAddress.IsAbsoluteUri || AuthorityBaseAddress.Scheme != Uri.UriSchemeHttps && !AuthorityBaseAddress.IsLoopback || !AuthorityBaseAddress.AbsolutePath.EndsWith('/'))
        {
            throw new ArgumentException("The authority base address must be an absolute https URL ending in '/'.", nameof(AuthorityBaseAddress));
        }

        if (!GraphBaseAddress.IsAbsoluteUri || GraphBaseAddress.Scheme != Uri.UriSchemeHttps && !GraphBaseAddress.IsLoopback || !GraphBaseAddress.AbsolutePath.EndsWith('/'))
        {
            throw new ArgumentException("The Graph base address must be an absolute https URL ending in '/'.", nameof(GraphBaseAddress));
        }

        if (string.IsNullOrWhiteSpace(DriveId) || DriveId.Length < 17 || DriveId.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '!' and not '-' and not '_'))
        {
            throw new ArgumentException("The drive id must be a SharePoint/OneDrive for Business drive id (at least 17 characters of letters, digits, '!', '-' and '_'); personal drives are not supported.", nameof(DriveId));
        }

        if (ResponseTimeout <= TimeSpan.Zero || MaxResponseBytes <= 0 || MaxListingChildren <= 0 || PageSize is <= 0 or > 1_000 || MaxRetryAfter < TimeSpan.Zero)
        {
            throw new ArgumentException("Timeouts, sizes and the page size (1 to 1,000) must be positive.", nameof(ResponseTimeout));
        }

        if (MaxBatchConcurrency is < 1 or > 16)
        {
            throw new ArgumentException("The batch concurrency must be between 1 and 16.", nameof(MaxBatchConcurrency));
        }

        if (TransferIdleTimeout <= TimeSpan.Zero || SimpleUploadLimit is < 0 or > 250 * 1024 * 1024 || UploadChunkSize <= 0 || UploadChunkSize % UploadChunkUnit != 0 || UploadChunkSize > MaxUploadChunkSize)
        {
            throw new ArgumentException("The transfer idle timeout must be positive, the simple upload limit at most 250 MiB, and the upload chunk size a multiple of 320 KiB up to 60 MiB.", nameof(UploadChunkSize));
        }
    }
}
