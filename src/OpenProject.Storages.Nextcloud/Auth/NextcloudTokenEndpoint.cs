using OpenProject.Storages.Nextcloud.Internal;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace OpenProject.Storages.Nextcloud;

/// <summary>How a call of Nextcloud's token endpoint ended.</summary>
internal enum TokenEndpointOutcome
{
    Success,
    InvalidGrant,
    InvalidRequest,
    InvalidClient,
    OtherOAuthError,
    HtmlPage,
    Redirected,
    Unavailable,
    InvalidResponse,
}

/// <summary>The answer of the token endpoint; never holds a secret in <see cref="ToString"/>.</summary>
internal sealed class TokenEndpointResult
{
    public required TokenEndpointOutcome Outcome { get; init; }

    public OAuthTokenAnswer? Token { get; init; }

    /// <summary>The <c>user_id</c> of a successful answer, if Nextcloud sent one.</summary>
    public string? UserId { get; init; }

    public DateTimeOffset RequestedAt { get; init; }

    public int? HttpStatus { get; init; }

    /// <summary>The OAuth <c>error</c> value, reduced to <c>[a-z_]</c>.</summary>
    public string? Error { get; init; }

    public Exception? Exception { get; init; }

    /// <summary>Why a 200 answer was refused (no secret in it).</summary>
    public string? Problem { get; init; }

    /// <summary>
    /// The sound refresh token of an otherwise refused 200 answer: Nextcloud already rotated the old one,
    /// so this is the only copy that keeps the user logged in. Never shown by <see cref="ToString"/>.
    /// </summary>
    public string? RotatedRefreshToken { get; init; }

    /// <summary>
    /// What the bounded exchange said when it ended the call (" Nextcloud did not answer … timed out after 30 s.",
    /// " … a body larger than the limit of … bytes …"), with a leading space, or empty. It names no secret.
    /// </summary>
    public string BoundReason => Exception is StorageException bounded ? " " + bounded.Message : string.Empty;

    public override string ToString() => $"TokenEndpointResult {{ Outcome = {Outcome}, HttpStatus = {HttpStatus}, Error = {Error}, Problem = {Problem} }}";
}

/// <summary>
/// Calls <c>index.php/apps/oauth2/api/v1/token</c> (form-encoded, client credentials in the form, as
/// Nextcloud expects) and <c>ocs/v1.php/cloud/user</c>. Never retries: a refresh token is single-use, so a
/// retried refresh whose first answer was lost would be refused and log the user out.
/// </summary>
internal sealed partial class NextcloudTokenEndpoint
{
    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public NextcloudTokenEndpoint(IHttpClientFactory httpClientFactory, TimeProvider timeProvider, ILogger logger)
    {
        _httpClientFactory = httpClientFactory;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public Task<TokenEndpointResult> ExchangeCodeAsync(StorageId storage, NextcloudStorageOptions options, string code, string codeVerifier, CancellationToken cancellationToken) =>
        PostAsync(storage, options, "authorization_code", [
            new("grant_type", "authorization_code"),
            new("code", code),
            new("redirect_uri", options.OAuthRedirectUri!.AbsoluteUri),
            new("code_verifier", codeVerifier),
            new("client_id", options.OAuthClientId!),
            new("client_secret", options.OAuthClientSecret!),
        ], cancellationToken);

    public Task<TokenEndpointResult> RefreshAsync(StorageId storage, NextcloudStorageOptions options, string refreshToken, CancellationToken cancellationToken) =>
        PostAsync(storage, options, "refresh_token", [
            new("grant_type", "refresh_token"),
            new("refresh_token", refreshToken),
            new("client_id", options.OAuthClientId!),
            new("client_secret", options.OAuthClientSecret!),
        ], cancellationToken);

    /// <summary>Asks Nextcloud whose the access token is (for servers whose token answer has no <c>user_id</c>).</summary>
    public async Task<string> GetUserIdAsync(StorageId storage, NextcloudStorageOptions options, string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new NextcloudUris(options.BaseAddress!).CurrentUser());
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(Json);
        request.Headers.Add("OCS-APIRequest", "true");
        try
        {
            var client = _httpClientFactory.CreateClient(NextcloudAccountsHttpClient.Name);
            using var response = await BoundedExchange.SendAsync(client, request, ExchangeLimits.ForToken(options), "the current-user request", cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status >= 500)
            {
                throw new StorageException(StorageErrorCode.Unavailable, "Nextcloud could not tell whose the new access token is: it answered with a server error.", status);
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                throw new StorageException(StorageErrorCode.Unauthorized, "Nextcloud refused the access token it had just issued.", status);
            }

            if (!response.IsSuccessStatusCode || !IsJson(response))
            {
                throw new StorageException(StorageErrorCode.InvalidResponse, "Nextcloud's current-user endpoint gave an unexpected answer.", status);
            }

            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var body = await JsonSerializer.DeserializeAsync(stream, NextcloudOAuthJsonContext.Default.NextcloudOcsUserResponse, cancellationToken).ConfigureAwait(false);
                var ocs = body?.Ocs;
                if (ocs?.Meta?.StatusCode is not (100 or 200) || ocs.Data?.Id is not { Length: > 0 and <= 255 } id || id.Any(char.IsControl))
                {
                    throw new StorageException(StorageErrorCode.InvalidResponse, "Nextcloud's current-user endpoint did not name the user.", status, ocs?.Meta is { } meta ? $"OCS status {meta.StatusCode}" : null);
                }

                return ocs.Data.Id;
            }
        }
        catch (Exception exception) when (IsTransportFailure(exception, cancellationToken))
        {
            LogUserLookupUnavailable(_logger, storage, exception);
            throw new StorageException(StorageErrorCode.Unavailable, "Nextcloud could not be reached to ask whose the new access token is.", innerException: exception);
        }
        catch (JsonException exception)
        {
            throw new StorageException(StorageErrorCode.InvalidResponse, "Nextcloud's current-user endpoint answered with malformed JSON.", innerException: exception);
        }
    }

    private async Task<TokenEndpointResult> PostAsync(StorageId storage, NextcloudStorageOptions options, string grantType, KeyValuePair<string, string>[] form, CancellationToken cancellationToken)
    {
        var requestedAt = _timeProvider.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, new NextcloudUris(options.BaseAddress!).OAuthToken())
        {
            Content = new FormUrlEncodedContent(form),
        };
        request.Headers.Accept.Add(Json);
        TokenEndpointResult result;
        try
        {
            // Bounded on its own (TokenRequestTimeout): a refresh runs for every waiting request of the user, on no caller's token.
            var client = _httpClientFactory.CreateClient(NextcloudAccountsHttpClient.Name);
            using var response = await BoundedExchange.SendAsync(client, request, ExchangeLimits.ForToken(options), "the token request", cancellationToken).ConfigureAwait(false);
            result = await ReadAsync(response, requestedAt, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException exception)
        {
            // The time-out or the size limit of the bounded exchange: the tokens stay as they are.
            var outcome = exception.Code == StorageErrorCode.Unavailable ? TokenEndpointOutcome.Unavailable : TokenEndpointOutcome.InvalidResponse;
            result = new TokenEndpointResult { Outcome = outcome, RequestedAt = requestedAt, Exception = exception };
        }
        catch (Exception exception) when (IsTransportFailure(exception, cancellationToken))
        {
            result = new TokenEndpointResult { Outcome = TokenEndpointOutcome.Unavailable, RequestedAt = requestedAt, Exception = exception };
        }

        if (result.Outcome == TokenEndpointOutcome.Success)
        {
            LogTokenIssued(_logger, storage, grantType);
        }
        else
        {
            LogTokenRequestFailed(_logger, storage, grantType, result.Outcome, result.HttpStatus, result.Error ?? result.Problem, result.Exception);
        }

        return result;
    }

    private static async Task<TokenEndpointResult> ReadAsync(HttpResponseMessage response, DateTimeOffset requestedAt, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
        {
            return new TokenEndpointResult { Outcome = TokenEndpointOutcome.Unavailable, RequestedAt = requestedAt, HttpStatus = status };
        }

        if (status is >= 300 and < 400)
        {
            // Never followed (the accounts client does not redirect): a 307 or 308 would carry the client secret
            // and the refresh token to wherever it points. It means a wrong base address (http, host, sub-path).
            return new TokenEndpointResult { Outcome = TokenEndpointOutcome.Redirected, RequestedAt = requestedAt, HttpStatus = status };
        }

        if (!IsJson(response))
        {
            // Nextcloud shows an HTML page with HTTP 200 for an OAuth client it does not know.
            var outcome = response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType is "text/html"
                ? TokenEndpointOutcome.HtmlPage
                : TokenEndpointOutcome.InvalidResponse;
            return new TokenEndpointResult { Outcome = outcome, RequestedAt = requestedAt, HttpStatus = status };
        }

        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                if (response.IsSuccessStatusCode)
                {
                    // Read as a document, not into the model: one odd field must not lose the rotated refresh token beside it.
                    using var document = await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
                    var (token, userId, problem, rotated) = NextcloudTokenAnswer.Read(document.RootElement);
                    return token is null
                        ? new TokenEndpointResult { Outcome = TokenEndpointOutcome.InvalidResponse, RequestedAt = requestedAt, HttpStatus = status, Problem = problem, RotatedRefreshToken = rotated }
                        : new TokenEndpointResult { Outcome = TokenEndpointOutcome.Success, RequestedAt = requestedAt, HttpStatus = status, Token = token, UserId = userId };
                }

                var error = await JsonSerializer.DeserializeAsync(stream, NextcloudOAuthJsonContext.Default.NextcloudTokenErrorResponse, cancellationToken).ConfigureAwait(false);
                var outcome = error?.Error switch
                {
                    "invalid_grant" => TokenEndpointOutcome.InvalidGrant,
                    "invalid_request" => TokenEndpointOutcome.InvalidRequest,
                    "invalid_client" => TokenEndpointOutcome.InvalidClient,
                    null => TokenEndpointOutcome.InvalidResponse,
                    _ => TokenEndpointOutcome.OtherOAuthError,
                };
                return new TokenEndpointResult { Outcome = outcome, RequestedAt = requestedAt, HttpStatus = status, Error = StorageAccountConnector.SanitizeOAuthError(error?.Error) };
            }
        }
        catch (JsonException exception)
        {
            return new TokenEndpointResult { Outcome = TokenEndpointOutcome.InvalidResponse, RequestedAt = requestedAt, HttpStatus = status, Exception = exception };
        }
    }

    private static bool IsJson(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType is { } mediaType
        && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>A network failure, or a timeout (a cancellation the caller did not ask for).</summary>
    internal static bool IsTransportFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException or IOException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    [LoggerMessage(EventId = 4101, EventName = "NextcloudTokenIssued", Level = LogLevel.Debug, Message = "Nextcloud storage {StorageId} issued a token ({GrantType}).")]
    private static partial void LogTokenIssued(ILogger logger, StorageId storageId, string grantType);

    [LoggerMessage(EventId = 4102, EventName = "NextcloudTokenRequestFailed", Level = LogLevel.Warning, Message = "Nextcloud storage {StorageId} did not issue a token ({GrantType}): {Outcome}, HTTP {HttpStatus}, OAuth error {OAuthError}.")]
    private static partial void LogTokenRequestFailed(ILogger logger, StorageId storageId, string grantType, TokenEndpointOutcome outcome, int? httpStatus, string? oAuthError, Exception? exception);

    [LoggerMessage(EventId = 4103, EventName = "NextcloudUserLookupUnavailable", Level = LogLevel.Warning, Message = "Nextcloud storage {StorageId} could not be reached to look up the connected user.")]
    private static partial void LogUserLookupUnavailable(ILogger logger, StorageId storageId, Exception exception);
}
