namespace OpenProject.Storages;

/// <summary>
/// The user-account settings of a storage's options (<c>NextcloudStorageOptions</c>, <c>OneDriveStorageOptions</c>), as
/// the shared account machinery reads them through <see cref="IStorageOAuthClient.GetSettings"/>.
/// </summary>
public interface IStorageAccountOptions
{
    /// <summary>The host's OAuth callback URL, registered with the authorization server; <see langword="null"/> when users cannot connect (only refresh).</summary>
    Uri? OAuthRedirectUri { get; }

    /// <summary>How long before expiry an access token is refreshed.</summary>
    TimeSpan TokenRefreshSkew { get; }

    /// <summary>How long a token read from the store is used from memory before it is read again (so a disconnect or another instance's refresh is seen); zero reads the store every time.</summary>
    TimeSpan TokenCacheDuration { get; }

    /// <summary>How long a refused refresh waits for another app instance to store the token it may just have rotated, before the user is logged out (only for refusals that may be a lost rotation race).</summary>
    TimeSpan RefreshConflictGracePeriod { get; }

    /// <summary>How long a connect attempt may take from the authorize redirect to the callback.</summary>
    TimeSpan ConnectStateLifetime { get; }

    /// <summary>How long one token request may take; the refresh claim of the token store outlasts it a little.</summary>
    TimeSpan TokenRequestTimeout { get; }
}
