namespace OpenProject.Storages;

/// <summary>
/// One provider's OAuth2 authorization server, as the shared account machinery (<see cref="StorageTokenRefresher"/>,
/// <see cref="StorageAccountConnector"/>) uses it: where the browser goes to log in, and the two token requests
/// (code exchange and refresh). Everything else (PKCE, the one-time state, the token store, single-flight refreshes,
/// rotation, logging the user out after a refused refresh) is the same for every provider and lives in those classes.
/// A provider package implements it (Nextcloud, Microsoft Entra ID for OneDrive); hosts do not call it.
/// </summary>
public interface IStorageOAuthClient
{
    /// <summary>The provider's name as people know it ("Nextcloud", "OneDrive"): it starts messages ("Login to Nextcloud required …") and error codes (<c>Nextcloud.Connect.StateExpired</c>).</summary>
    string ProviderName { get; }

    /// <summary>The account settings of a storage (its options).</summary>
    /// <param name="storage">The storage.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="StorageException"><see cref="StorageErrorCode.NotConfigured"/> when the storage cannot refresh tokens (no client id or secret, no server address), with a message that names what is missing.</exception>
    IStorageAccountOptions GetSettings(StorageId storage);

    /// <summary>The authorize URL the browser is sent to, with the client id, the configured redirect URI, the scopes, <paramref name="state"/> and the S256 <paramref name="codeChallenge"/>.</summary>
    /// <param name="storage">The storage.</param>
    /// <param name="state">The one-time state of the attempt.</param>
    /// <param name="codeChallenge">The PKCE challenge (base64url of SHA-256 of the verifier).</param>
    /// <returns>The URL.</returns>
    Uri CreateAuthorizationUri(StorageId storage, string state, string codeChallenge);

    /// <summary>Exchanges an authorization code (with its PKCE verifier) for the user's tokens, and finds the user's id in the storage.</summary>
    /// <param name="storage">The storage.</param>
    /// <param name="code">The code from the callback.</param>
    /// <param name="codeVerifier">The attempt's PKCE verifier.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The token to store, with a refresh token and the storage user id.</returns>
    /// <exception cref="StorageException">The server refused the code (a provider code), could not be reached (<see cref="StorageErrorCode.Unavailable"/>) or answered something unusable (<see cref="StorageErrorCode.InvalidResponse"/>).</exception>
    Task<StorageToken> ExchangeCodeAsync(StorageId storage, string code, string codeVerifier, CancellationToken cancellationToken);

    /// <summary>
    /// Sends one refresh request for a stored token and says how it ended. It is called at most once per stored
    /// version at a time and never retried: refresh tokens rotate, so a second request with the same one is refused.
    /// </summary>
    /// <param name="storage">The storage.</param>
    /// <param name="current">The stored token; its <see cref="StorageToken.RefreshToken"/> is set.</param>
    /// <param name="cancellationToken">Cancels the operation; the refresher passes none, so that a rotated token is never lost.</param>
    /// <returns>The outcome; failures are values, not exceptions.</returns>
    Task<StorageTokenRefreshResult> RefreshAsync(StorageId storage, StorageToken current, CancellationToken cancellationToken);
}
