namespace OpenProject.Storages.OneDrive;

/// <summary>How to reach one OneDrive/SharePoint drive through Microsoft Graph, and the limits on what is read from it.</summary>
public sealed class OneDriveStorageOptions
{
    /// <summary>The Graph address all calls go under; <c>https://graph.microsoft.com/v1.0/</c> unless a national cloud is used.</summary>
    public Uri GraphBaseAddress { get; set; } = new("https://graph.microsoft.com/v1.0/");

    /// <summary>The drive id (<c>b!</c> followed by 64 base64url characters for a SharePoint document library).</summary>
    public string DriveId { get; set; } = string.Empty;

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

    internal void Validate()
    {
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
    }
}
