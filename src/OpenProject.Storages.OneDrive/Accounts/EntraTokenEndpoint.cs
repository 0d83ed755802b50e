using System.Text.Json;

namespace OpenProject.Storages.OneDrive.Internal;

/// <summary>
/// Entra ID's v2.0 endpoints of one app registration (<c>{AuthorityBaseAddress}{tenant}/oauth2/v2.0/authorize</c> and
/// <c>/token</c>), with the scope OpenProject sends for every flow (recorded:
/// <c>https://graph.microsoft.com/.default offline_access</c>). Each token request is one form post with the client
/// id and secret in the form, read within the Graph connection's bounds; it is never retried except once after a
/// short <c>Retry-After</c> (Entra ID did not act on a throttled request, so the refresh token is still unused).
/// </summary>
internal sealed class EntraTokenEndpoint(OneDriveStorageOptions options, GraphConnection connection, TimeProvider time)
{
    public const string Scope = "https://graph.microsoft.com/.default offline_access";

    public bool HasClient =>
        !string.IsNullOrWhiteSpace(options.TenantId) && !string.IsNullOrWhiteSpace(options.ClientId) && !string.IsNullOrEmpty(options.ClientSecret);

    public Uri Address(string endpoint) => new(options.AuthorityBaseAddress, Uri.EscapeDataString(options.TenantId!) + "/oauth2/v2.0/" + endpoint);

    /// <summary>Posts one grant (its own fields, then scope and client credentials) and reads Entra ID's answer, whatever its status.</summary>
    /// <exception cref="StorageException">Entra ID could not be reached or did not answer in time (<see cref="StorageErrorCode.Unavailable"/>), or the answer was too large.</exception>
    public async Task<EntraAnswer> PostAsync(KeyValuePair<string, string>[] grant, string operation, CancellationToken cancellationToken)
    {
        var requestedAt = time.GetUtcNow();
        KeyValuePair<string, string>[] form =
        [
            .. grant,
            new("scope", Scope),
            new("client_id", options.ClientId!),
            new("client_secret", options.ClientSecret!),
        ];
        var answer = await connection.SendAnonymousAsync(
            () => new HttpRequestMessage(HttpMethod.Post, Address("token")) { Content = new FormUrlEncodedContent(form) },
            operation,
            cancellationToken,
            options.TokenRequestTimeout).ConfigureAwait(false);
        TokenAnswer? body;
        try
        {
            body = answer.Body.Length == 0 ? null : JsonSerializer.Deserialize(answer.Body, EntraJsonContext.Default.TokenAnswer);
        }
        catch (JsonException)
        {
            body = null;
        }

        return new EntraAnswer(answer.Status, body, answer.Body, requestedAt);
    }
}

/// <summary>One answer of Entra ID's token endpoint; <see cref="ToString"/> shows no token.</summary>
internal sealed record EntraAnswer(int Status, TokenAnswer? Body, byte[] Raw, DateTimeOffset RequestedAt)
{
    /// <summary>A user's tokens from a 200 answer, checked as every provider's are; or why not, with a sound rotated refresh token.</summary>
    public OAuthTokenAnswer? ReadUserTokens(int maxTokenLength, out string? problem, out string? rotatedRefreshToken)
    {
        try
        {
            using var document = JsonDocument.Parse(Raw);
            return OAuthTokenAnswer.Read(document.RootElement, maxTokenLength, check: null, out problem, out rotatedRefreshToken);
        }
        catch (JsonException)
        {
            (problem, rotatedRefreshToken) = ("the answer is not JSON", null);
            return null;
        }
    }

    /// <summary>The OAuth <c>error</c>, only if it looks like one.</summary>
    public string? Error => StorageAccountConnector.SanitizeOAuthError(Body?.Error);

    /// <summary>The first <c>AADSTS</c> number, which says what Entra ID refused (for example <c>AADSTS70008</c>: the code expired).</summary>
    public string? AadstsCode => Body?.ErrorCodes is [var first, ..] && first > 0 ? $"AADSTS{first}" : null;

    /// <summary>The error and its <c>AADSTS</c> number for <see cref="StorageException.Detail"/>; never the description, which names tenants and trace ids.</summary>
    public string? Detail => Error is null ? null : AadstsCode is null ? Error : $"{Error} {AadstsCode}";

    public override string ToString() => $"EntraAnswer {{ Status = {Status}, Error = {Detail} }}";
}
