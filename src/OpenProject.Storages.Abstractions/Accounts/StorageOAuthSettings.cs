namespace OpenProject.Storages;

/// <summary>The timings and the redirect URI of one storage's user accounts (see <see cref="IStorageOAuthClient.GetSettings"/>).</summary>
public sealed record StorageOAuthSettings
{
    /// <summary>How long before expiry an access token is refreshed.</summary>
    public required TimeSpan RefreshSkew { get; init; }

    /// <summary>How long a token read from the store is used from memory before it is read again (so a disconnect or another instance's refresh is seen); zero reads the store every time.</summary>
    public required TimeSpan CacheDuration { get; init; }

    /// <summary>How long a refused refresh waits for another app instance to store the token it may just have rotated, before the user is logged out (only for refusals that may be a lost rotation race).</summary>
    public required TimeSpan ConflictGracePeriod { get; init; }

    /// <summary>How long one token request may take; the refresh claim of the token store outlasts it a little.</summary>
    public required TimeSpan RequestTimeout { get; init; }

    /// <summary>The callback URL registered with the authorization server; <see langword="null"/> when users cannot connect (only refresh).</summary>
    public Uri? RedirectUri { get; init; }

    /// <summary>How long a connect attempt may take from the authorize redirect to the callback.</summary>
    public TimeSpan ConnectStateLifetime { get; init; } = TimeSpan.FromMinutes(15);
}
