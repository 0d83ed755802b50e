namespace OpenProject.Storages.OneDrive.Internal;

/// <summary>
/// The app-only Graph token (client credentials at Entra ID's <c>{tenant}/oauth2/v2.0/token</c>, as OpenProject's
/// <c>oauth_client_credentials</c>), cached until shortly before it expires. Plain HTTP: one form post.
/// </summary>
internal sealed class AppTokens(OneDriveStorageOptions options, GraphConnection graph, TimeProvider time)
{
    private readonly EntraTokenEndpoint _entra = new(options, graph, time);

    // A reference, so a reader never sees a token with another token's expiry.
    private volatile CachedToken? _cached;

    public bool IsConfigured => _entra.HasClient;

    /// <summary>The token for a request as the technical user; a token Graph rejected is not handed out again.</summary>
    public async Task<string> GetTokenAsync(string? rejected, CancellationToken cancellationToken)
    {
        if (!IsConfigured)
        {
            throw new StorageException(StorageErrorCode.NotConfigured, "The technical user needs the app-only token: set OneDriveStorageOptions.TenantId, ClientId and ClientSecret.");
        }

        if (rejected is not null && _cached?.Token == rejected)
        {
            _cached = null;
        }

        var answer = await GetAsync(cancellationToken).ConfigureAwait(false);
        return answer.Token
            ?? throw new StorageException(StorageErrorCode.Unauthorized, $"Entra ID did not issue the app-only token (HTTP {answer.Status}{(answer.Error is null ? string.Empty : ", " + answer.Error)}); run the setup checks to see which setting is wrong.", answer.Status);
    }

    /// <summary>Asks Entra ID (or the cache) for the token; the answer says what went wrong when it failed.</summary>
    public async Task<AppTokenAnswer> GetAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } cached && time.GetUtcNow() < cached.Until)
        {
            return new AppTokenAnswer(cached.Token, 200, null, null);
        }

        var answer = await _entra.PostAsync([new("grant_type", "client_credentials")], "get the app-only token", cancellationToken).ConfigureAwait(false);
        var body = answer.Body;
        if (answer.Status == 200 && body?.AccessToken is { Length: > 0 } token)
        {
            // Renewed ten minutes early, as OpenProject keeps it 50 of its 60 minutes.
            var lifetime = TimeSpan.FromSeconds(Math.Clamp(body.ExpiresIn ?? 0, 0, 24 * 3600)) - TimeSpan.FromMinutes(10);
            _cached = lifetime > TimeSpan.Zero ? new CachedToken(token, time.GetUtcNow() + lifetime) : null;
            return new AppTokenAnswer(token, 200, null, null);
        }

        return new AppTokenAnswer(null, answer.Status, body?.Error, body?.ErrorDescription);
    }
}

internal sealed record CachedToken(string Token, DateTimeOffset Until);

/// <summary>Entra ID's answer: the token, or its OAuth error and description (with the <c>AADSTS</c> code).</summary>
internal sealed record AppTokenAnswer(string? Token, int Status, string? Error, string? Description);
