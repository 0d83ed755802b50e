namespace OpenProject.Storages;

/// <summary>The start-up checks every provider's account options share (redirect URI and timings), for their options validators.</summary>
public static class StorageAccountOptionsChecks
{
    /// <summary>What is wrong with the shared account settings, one sentence each.</summary>
    /// <param name="options">The options.</param>
    /// <param name="storage">How the storage is named in the sentences, for example <c>OneDrive storage 'onedrive'</c>.</param>
    /// <param name="registeredAt">Where the redirect URI is registered, for example <c>in Nextcloud</c>.</param>
    /// <returns>The failures; empty when the settings are good.</returns>
    public static IReadOnlyList<string> Check(IStorageAccountOptions options, string storage, string registeredAt)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.OAuthRedirectUri is not { IsAbsoluteUri: true })
        {
            failures.Add($"{storage}: OAuthRedirectUri must be the absolute callback URL registered {registeredAt}.");
        }
        else if (!string.IsNullOrEmpty(options.OAuthRedirectUri.Query) || !string.IsNullOrEmpty(options.OAuthRedirectUri.Fragment))
        {
            failures.Add($"{storage}: OAuthRedirectUri must not have a query or fragment.");
        }

        if (options.TokenRefreshSkew < TimeSpan.Zero || options.TokenCacheDuration < TimeSpan.Zero || options.RefreshConflictGracePeriod < TimeSpan.Zero || options.ConnectStateLifetime <= TimeSpan.Zero || options.TokenRequestTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{storage}: TokenRefreshSkew, TokenCacheDuration and RefreshConflictGracePeriod must not be negative, and ConnectStateLifetime and TokenRequestTimeout must be positive.");
        }

        return failures;
    }
}
