using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using OpenProject.Storages.OneDrive.Internal;

namespace OpenProject.Storages.OneDrive;

/// <summary>
/// Microsoft Entra ID as the shared account machinery sees it, for every OneDrive storage (each a named
/// <see cref="OneDriveStorageOptions"/>): the v2.0 authorize URL with PKCE, the code exchange followed by
/// <c>GET /me</c> for the user's object id (OpenProject's <c>origin_user_id</c>), and the refresh, each answer mapped
/// to what it means. Plain HTTP (see docs/onedrive.md, "Decisions"): MSAL keeps its own token cache.
/// </summary>
internal sealed class OneDriveOAuthClient(IOptionsMonitor<OneDriveStorageOptions> options, IHttpClientFactory clients, TimeProvider time) : IStorageOAuthClient
{
    // Entra ID's access tokens are JWTs of one to a few kilobytes; refresh tokens are opaque and about as long.
    private const int MaxTokenLength = 16 * 1024;

    public string ProviderName => "OneDrive";

    public IStorageAccountOptions GetSettings(StorageId storage) => Options(storage);

    public Uri CreateAuthorizationUri(StorageId storage, string state, string codeChallenge)
    {
        var configured = Options(storage);
        var query = new StringBuilder()
            .Append("client_id=").Append(Uri.EscapeDataString(configured.ClientId!))
            .Append("&response_type=code")
            .Append("&redirect_uri=").Append(Uri.EscapeDataString(configured.OAuthRedirectUri!.AbsoluteUri))
            .Append("&response_mode=query")
            .Append("&scope=").Append(Uri.EscapeDataString(EntraTokenEndpoint.Scope))
            .Append("&state=").Append(Uri.EscapeDataString(state))
            .Append("&code_challenge=").Append(Uri.EscapeDataString(codeChallenge))
            .Append("&code_challenge_method=S256");
        return new UriBuilder(Entra(storage, configured).Address("authorize")) { Query = query.ToString() }.Uri;
    }

    public async Task<StorageToken> ExchangeCodeAsync(StorageId storage, string code, string codeVerifier, CancellationToken cancellationToken)
    {
        var configured = Options(storage);
        var answer = await Entra(storage, configured).PostAsync(
            [
                new("grant_type", "authorization_code"),
                new("code", code),
                new("redirect_uri", configured.OAuthRedirectUri!.AbsoluteUri),
                new("code_verifier", codeVerifier),
            ],
            "exchange the authorization code",
            cancellationToken).ConfigureAwait(false);
        if (answer.Status != 200)
        {
            throw ExchangeRefused(storage, answer);
        }

        var tokens = answer.ReadUserTokens(MaxTokenLength, out var problem, out _)
            ?? throw new StorageException(StorageErrorCode.InvalidResponse, $"Entra ID answered the code exchange with an unusable token ({problem}).", answer.Status, problem);
        return new StorageToken
        {
            AccessToken = tokens.AccessToken,
            RefreshToken = tokens.RefreshToken,
            ExpiresAt = answer.RequestedAt + OAuthTokenValues.Lifetime(tokens.ExpiresIn),
            StorageUserId = await GetUserIdAsync(storage, configured, tokens.AccessToken, cancellationToken).ConfigureAwait(false),
        };
    }

    public async Task<StorageTokenRefreshResult> RefreshAsync(StorageId storage, StorageToken current, CancellationToken cancellationToken)
    {
        var entra = Entra(storage, Options(storage));
        EntraAnswer answer;
        try
        {
            answer = await entra.PostAsync(
                [new("grant_type", "refresh_token"), new("refresh_token", current.RefreshToken!)],
                "refresh the access token",
                cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException unreachable)
        {
            return StorageTokenRefreshResult.Failed(new StorageException(
                unreachable.Code,
                $"Entra ID could not be reached to refresh the OneDrive access token of storage '{storage}' ({unreachable.Message}). The stored tokens are kept, try again later.",
                unreachable.HttpStatus,
                innerException: unreachable));
        }

        if (answer.Status == 200)
        {
            return answer.ReadUserTokens(MaxTokenLength, out var problem, out var rotated) is { } tokens
                ? StorageTokenRefreshResult.Issued(new StorageToken
                {
                    AccessToken = tokens.AccessToken,
                    RefreshToken = tokens.RefreshToken,
                    ExpiresAt = answer.RequestedAt + OAuthTokenValues.Lifetime(tokens.ExpiresIn),
                    StorageUserId = current.StorageUserId,
                })
                : StorageTokenRefreshResult.Failed(
                    new StorageException(StorageErrorCode.InvalidResponse, $"Entra ID answered the token refresh of storage '{storage}' with an unusable token ({problem}).", 200, problem),
                    rotated);
        }

        return answer.Error switch
        {
            // A refresh token that expired, was revoked (password reset, "sign out everywhere") or was already used.
            // Entra ID keeps a used one valid for confidential clients, but may not: the race wait costs only a refusal.
            "invalid_grant" => StorageTokenRefreshResult.Refused($"Entra ID refused the refresh token ({answer.Detail}).", answer.Status, answer.Detail, mayBeRotationRace: true),

            // Multi-factor authentication, a new consent or a changed policy: only an interactive login helps.
            "interaction_required" or "consent_required" => StorageTokenRefreshResult.Refused($"Entra ID asks the user to sign in again ({answer.Detail}).", answer.Status, answer.Detail, mayBeRotationRace: false),
            "invalid_client" or "unauthorized_client" or "invalid_request" when answer.Status is 400 or 401 => StorageTokenRefreshResult.Failed(new StorageException(
                StorageErrorCode.NotConfigured,
                $"Entra ID does not accept the app registration of OneDrive storage '{storage}' ({answer.Detail}); the stored tokens are kept. Check the tenant id, client id and secret (the setup checks say which).",
                answer.Status,
                answer.Detail)),
            _ when answer.Status is 429 or >= 500 => StorageTokenRefreshResult.Failed(new StorageException(
                StorageErrorCode.Unavailable,
                $"Entra ID could not refresh the OneDrive access token of storage '{storage}' now (HTTP {answer.Status}). The stored tokens are kept, try again later.",
                answer.Status,
                answer.Detail)),
            _ => StorageTokenRefreshResult.Failed(new StorageException(
                StorageErrorCode.InvalidResponse,
                $"Entra ID answered the token refresh of storage '{storage}' with something unexpected (HTTP {answer.Status}). The stored tokens are kept.",
                answer.Status,
                answer.Detail)),
        };
    }

    /// <summary><c>GET /me?$select=id</c> with the new token: whose it is (Entra ID sends no id token for these scopes).</summary>
    private async Task<string> GetUserIdAsync(StorageId storage, OneDriveStorageOptions configured, string accessToken, CancellationToken cancellationToken)
    {
        const string operation = "find the signed-in user";
        var answer = await Connection(storage, configured).SendAnonymousAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, new Uri(configured.GraphBaseAddress, "me?$select=id"));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
                return request;
            },
            operation,
            cancellationToken).ConfigureAwait(false);
        if (answer.Status != 200)
        {
            throw GraphConnection.Failed(answer, operation);
        }

        var me = GraphConnection.Parse(answer.Body, EntraJsonContext.Default.GraphMe, operation);
        return me.Id is { Length: > 0 and <= 255 } id && !id.Any(char.IsControl)
            ? id
            : throw new StorageException(StorageErrorCode.InvalidResponse, "Microsoft Graph did not name the signed-in user (GET /me has no id).", answer.Status);
    }

    private static StorageException ExchangeRefused(StorageId storage, EntraAnswer answer) => answer.Error switch
    {
        "invalid_grant" => new(OneDriveAccountErrorCodes.InvalidGrant, $"Entra ID refused the authorization code ({answer.Detail}: it expired, was used already, or the PKCE check failed). Please connect again.", answer.Status, answer.Detail),
        "invalid_client" or "unauthorized_client" => new(OneDriveAccountErrorCodes.InvalidClient, $"Entra ID refused this application's registration ({answer.Detail}). An administrator must check the client id and secret.", answer.Status, answer.Detail),
        "invalid_request" when answer.AadstsCode is "AADSTS90002" or "AADSTS900023" => new(StorageErrorCode.NotConfigured, $"Entra ID does not know the tenant of OneDrive storage '{storage}' ({answer.Detail}). An administrator must check the tenant id.", answer.Status, answer.Detail),
        _ when answer.Status is 429 or >= 500 => new(StorageErrorCode.Unavailable, $"Entra ID could not complete the OneDrive login now (HTTP {answer.Status}). Please try again later.", answer.Status, answer.Detail),
        _ => new(StorageErrorCode.InvalidResponse, $"Entra ID answered the code exchange with something unexpected (HTTP {answer.Status}).", answer.Status, answer.Detail),
    };

    private OneDriveStorageOptions Options(StorageId storage)
    {
        var configured = options.Get(storage.Value);
        return !string.IsNullOrWhiteSpace(configured.TenantId) && !string.IsNullOrWhiteSpace(configured.ClientId) && !string.IsNullOrEmpty(configured.ClientSecret)
            ? configured
            : throw new StorageException(StorageErrorCode.NotConfigured, $"OneDrive storage '{storage}' has no tenant id, client id or client secret configured, which user accounts need.");
    }

    private GraphConnection Connection(StorageId storage, OneDriveStorageOptions configured) =>
        new(storage, configured, clients, OneDriveAccountsHttpClient.Name, tokens: null, time);

    private EntraTokenEndpoint Entra(StorageId storage, OneDriveStorageOptions configured) => new(configured, Connection(storage, configured), time);
}
