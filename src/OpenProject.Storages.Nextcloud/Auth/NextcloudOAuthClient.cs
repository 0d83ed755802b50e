using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenProject.Storages.Nextcloud.Internal;

namespace OpenProject.Storages.Nextcloud;

/// <summary>
/// Nextcloud's OAuth2 app as the shared account machinery sees it: <c>index.php/apps/oauth2/authorize</c>, the token
/// endpoint (<see cref="NextcloudTokenEndpoint"/>) and what each of its answers means. Nextcloud answers
/// <c>invalid_request</c> both for a dead refresh token and for the loser of a rotation race, so that refusal waits
/// for another instance's write; <c>invalid_grant</c> logs the user out at once.
/// </summary>
internal sealed class NextcloudOAuthClient(IOptionsMonitor<NextcloudStorageOptions> options, NextcloudTokenEndpoint endpoint) : IStorageOAuthClient
{
    public NextcloudOAuthClient(IHttpClientFactory httpClientFactory, IOptionsMonitor<NextcloudStorageOptions> options, TimeProvider timeProvider, ILogger logger)
        : this(options, new NextcloudTokenEndpoint(httpClientFactory, timeProvider, logger))
    {
    }

    public string ProviderName => "Nextcloud";

    internal static bool IsConfigured(NextcloudStorageOptions options) =>
        options.BaseAddress is { IsAbsoluteUri: true }
        && !string.IsNullOrEmpty(options.OAuthClientId)
        && !string.IsNullOrEmpty(options.OAuthClientSecret);

    public IStorageAccountOptions GetSettings(StorageId storage) => Options(storage);

    public Uri CreateAuthorizationUri(StorageId storage, string state, string codeChallenge)
    {
        var configured = Options(storage);
        var query = new StringBuilder()
            .Append("response_type=code")
            .Append("&client_id=").Append(Uri.EscapeDataString(configured.OAuthClientId!))
            .Append("&redirect_uri=").Append(Uri.EscapeDataString(configured.OAuthRedirectUri!.AbsoluteUri))
            .Append("&state=").Append(Uri.EscapeDataString(state))
            .Append("&code_challenge=").Append(Uri.EscapeDataString(codeChallenge))
            .Append("&code_challenge_method=S256");
        return new UriBuilder(new NextcloudUris(configured.BaseAddress!).OAuthAuthorize()) { Query = query.ToString() }.Uri;
    }

    public async Task<StorageToken> ExchangeCodeAsync(StorageId storage, string code, string codeVerifier, CancellationToken cancellationToken)
    {
        var configured = Options(storage);
        var result = await endpoint.ExchangeCodeAsync(storage, configured, code, codeVerifier, cancellationToken).ConfigureAwait(false);
        if (result.Outcome != TokenEndpointOutcome.Success)
        {
            throw ExchangeFailed(storage, result);
        }

        // A missing refresh token is refused by the connector, for every provider.
        var response = result.Token!;
        var nextcloudUserId = string.IsNullOrEmpty(result.UserId)
            ? await endpoint.GetUserIdAsync(storage, configured, response.AccessToken, cancellationToken).ConfigureAwait(false)
            : result.UserId;
        return new StorageToken
        {
            AccessToken = response.AccessToken,
            RefreshToken = response.RefreshToken,
            ExpiresAt = result.RequestedAt + OAuthTokenValues.Lifetime(response.ExpiresIn),
            StorageUserId = nextcloudUserId,
        };
    }

    public async Task<StorageTokenRefreshResult> RefreshAsync(StorageId storage, StorageToken current, CancellationToken cancellationToken)
    {
        var result = await endpoint.RefreshAsync(storage, Options(storage), current.RefreshToken!, cancellationToken).ConfigureAwait(false);
        switch (result.Outcome)
        {
            case TokenEndpointOutcome.Success:
                var response = result.Token!;
                return StorageTokenRefreshResult.Issued(new StorageToken
                {
                    AccessToken = response.AccessToken,
                    RefreshToken = response.RefreshToken,
                    ExpiresAt = result.RequestedAt + OAuthTokenValues.Lifetime(response.ExpiresIn),
                    StorageUserId = string.IsNullOrEmpty(result.UserId) ? current.StorageUserId : result.UserId,
                });

            case TokenEndpointOutcome.InvalidGrant:
                return StorageTokenRefreshResult.Refused("Nextcloud refused the refresh token (invalid_grant).", result.HttpStatus, result.Error, mayBeRotationRace: false);

            case TokenEndpointOutcome.InvalidRequest:
                return StorageTokenRefreshResult.Refused("Nextcloud refused the refresh token (invalid_request).", result.HttpStatus, result.Error, mayBeRotationRace: true);

            case TokenEndpointOutcome.Unavailable:
                return StorageTokenRefreshResult.Failed(new StorageException(
                    StorageErrorCode.Unavailable,
                    $"Nextcloud storage '{storage}' could not be reached to refresh the access token.{result.BoundReason} The stored tokens are kept, try again later.",
                    result.HttpStatus,
                    innerException: result.Exception));

            case TokenEndpointOutcome.InvalidClient:
            case TokenEndpointOutcome.HtmlPage:
                return StorageTokenRefreshResult.Failed(new StorageException(
                    StorageErrorCode.NotConfigured,
                    $"Nextcloud storage '{storage}' does not accept the configured OAuth client; the stored tokens are kept. Check the client id and secret.",
                    result.HttpStatus,
                    result.Outcome == TokenEndpointOutcome.HtmlPage ? "HTML page instead of a token" : result.Error));

            case TokenEndpointOutcome.Redirected:
                return StorageTokenRefreshResult.Failed(new StorageException(
                    StorageErrorCode.NotConfigured,
                    $"Nextcloud storage '{storage}' redirected the token refresh; redirects are not followed, so that the client secret and tokens go nowhere else. The stored tokens are kept. Check the base address (https, host, sub-path).",
                    result.HttpStatus));

            default:
                return result.RotatedRefreshToken is { } rotated
                    ? StorageTokenRefreshResult.Failed(
                        new StorageException(
                            StorageErrorCode.InvalidResponse,
                            $"Nextcloud storage '{storage}' answered the token refresh with an unusable token ({result.Problem}); its new refresh token is kept, so the next request refreshes again.",
                            result.HttpStatus,
                            result.Problem),
                        rotated)
                    : StorageTokenRefreshResult.Failed(new StorageException(
                        StorageErrorCode.InvalidResponse,
                        $"Nextcloud storage '{storage}' answered the token refresh with something unexpected.{result.BoundReason} The stored tokens are kept.",
                        result.HttpStatus,
                        result.Error ?? result.Problem,
                        result.Exception));
        }
    }

    private NextcloudStorageOptions Options(StorageId storage)
    {
        var configured = options.Get(storage.Value);
        return IsConfigured(configured)
            ? configured
            : throw new StorageException(StorageErrorCode.NotConfigured, $"Nextcloud storage '{storage}' has no base address, OAuth client id or client secret configured.");
    }

    private static StorageException ExchangeFailed(StorageId storage, TokenEndpointResult result) => result.Outcome switch
    {
        TokenEndpointOutcome.InvalidGrant => new(NextcloudAccountErrorCodes.InvalidGrant, "Nextcloud refused the authorization (invalid_grant: the PKCE check failed). Please connect again.", result.HttpStatus, result.Error),
        TokenEndpointOutcome.InvalidRequest => new(NextcloudAccountErrorCodes.InvalidRequest, "Nextcloud refused the authorization code (invalid_request: it is unknown, already used or older than ten minutes). Please connect again.", result.HttpStatus, result.Error),
        TokenEndpointOutcome.InvalidClient => new(NextcloudAccountErrorCodes.InvalidClient, "Nextcloud refused this application's OAuth client (invalid_client). An administrator must check the client id and secret.", result.HttpStatus, result.Error),
        TokenEndpointOutcome.HtmlPage => new(NextcloudAccountErrorCodes.ClientNotAuthorized, "Nextcloud answered with a web page instead of a token: the OAuth client is unknown to it, or the base address is wrong. An administrator must check the storage settings.", result.HttpStatus),
        TokenEndpointOutcome.Redirected => new(StorageErrorCode.NotConfigured, "Nextcloud redirected the code exchange; redirects are not followed, so that the client secret and the code go nowhere else. An administrator must check the storage's base address (https, host, sub-path).", result.HttpStatus),
        TokenEndpointOutcome.Unavailable => new(StorageErrorCode.Unavailable, $"Nextcloud storage '{storage}' could not be reached to complete the login.{result.BoundReason} Please try again later.", result.HttpStatus, innerException: result.Exception),
        _ => new(StorageErrorCode.InvalidResponse, $"Nextcloud answered the code exchange with something unexpected.{result.BoundReason}", result.HttpStatus, result.Error),
    };
}
