namespace OpenProject.Storages.Nextcloud.AspNetCore;

/// <summary>
/// How the host acts as the "OpenProject" that Nextcloud's integration_openproject app talks to: the OAuth2
/// client the Nextcloud administrator enters in the app's settings, and the host's own sign-in.
/// </summary>
public sealed class NextcloudIntegrationOptions
{
    /// <summary>The OAuth2 client id the Nextcloud administrator enters in the app ("OpenProject OAuth client ID").</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>The OAuth2 client secret the Nextcloud administrator enters in the app. Never logged.</summary>
    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>
    /// Where the authorization endpoint sends the browser back:
    /// <c>{nextcloud}/index.php/apps/integration_openproject/oauth-redirect</c>. No other redirect is accepted.
    /// </summary>
    public Uri? RedirectUri { get; set; }

    /// <summary>
    /// The host's own authentication scheme (for example its cookie) that says who the user at the authorization
    /// endpoint is, and that is challenged when nobody is signed in. <see langword="null"/>: the host's default scheme.
    /// </summary>
    public string? HostAuthenticationScheme { get; set; }

    /// <summary>
    /// Whether the user is asked once, on a page the package renders, to "Authorize Nextcloud to read and write your
    /// work packages and file links" (default <see langword="true"/>). The answer is remembered as a permanent
    /// authorization; revoking it revokes Nextcloud's tokens. Turn it off only when the host asks elsewhere.
    /// </summary>
    public bool RequireConsent { get; set; } = true;

    /// <summary>How long an access token works. Default two hours, as OpenProject's.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long an unused refresh token works. Each refresh answers a new one and kills the old one.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// How long a used refresh token may still be used again (default 10 seconds). integration_openproject 2.8.1
    /// refreshes on every 401 and does not coordinate its parallel requests (the dashboard loads notifications and
    /// avatars at once), so two refreshes with one token can race; within this time both get tokens. Later, a reuse is
    /// a replay: it is refused and revokes the whole chain. <see cref="TimeSpan.Zero"/> makes a used token dead at once.
    /// </summary>
    public TimeSpan RefreshTokenReuseLeeway { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Whether the OAuth2 endpoints refuse plain HTTP. Default <see langword="true"/>; turn it off only for a
    /// laboratory host on loopback (the recordings' Nextcloud 27 talked to <c>http://127.0.0.1:3000</c>).
    /// </summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>
    /// The id of the storage (as registered with <c>AddNextcloudStorage</c> or <c>AddInMemoryStorage</c>) that is this
    /// Nextcloud: file links made in Nextcloud are stored for it, and are verified through it with the user's own
    /// access. Default <c>nextcloud</c>.
    /// </summary>
    public string StorageId { get; set; } = "nextcloud";

    /// <summary>
    /// The Nextcloud address the app sends as <c>storageUrl</c> and <c>linkable_to_storage_url</c> (its
    /// <c>overwrite.cli.url</c>); <see langword="null"/>: what precedes <c>/index.php/</c> in <see cref="RedirectUri"/>.
    /// Compared without the scheme and a trailing slash, so http and https match.
    /// </summary>
    public Uri? StorageUrl { get; set; }

    /// <summary>The name the API's root answers as <c>instanceName</c> (the app requires one). Default <c>OpenProject</c>.</summary>
    public string InstanceName { get; set; } = "OpenProject";

    /// <summary>How many work packages a list answers when the request names no <c>pageSize</c> (none of the app's do). Default 20.</summary>
    public int DefaultPageSize { get; set; } = 20;

    /// <summary>The largest <c>pageSize</c> honoured; larger ones are cut to it. Default 1,000.</summary>
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>
    /// The largest request body the API reads, in bytes (default 4 MiB: about 15,000 file links in one POST); a larger
    /// one gets 413 and nothing is done.
    /// </summary>
    public long MaxRequestBodySize { get; set; } = 4 * 1024 * 1024;
}
