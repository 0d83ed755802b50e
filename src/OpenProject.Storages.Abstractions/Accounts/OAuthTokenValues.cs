namespace OpenProject.Storages;

/// <summary>
/// Checks of token values from a token endpoint before anything of them is stored: a stored token is sent with every
/// later request of the user, so a bad one (a CR/LF, a control character) would poison all of them. For provider
/// packages (their <see cref="IStorageOAuthClient"/>).
/// </summary>
public static class OAuthTokenValues
{
    /// <summary>Whether a value can follow <c>Bearer </c> in a header (RFC 6750 <c>b64token</c>), at most <paramref name="maxLength"/> characters.</summary>
    /// <param name="value">The access token.</param>
    /// <param name="maxLength">The longest accepted.</param>
    /// <returns><see langword="true"/> when it is a bearer token.</returns>
    public static bool IsBearerToken(string? value, int maxLength)
    {
        if (value is null || value.Length == 0 || value.Length > maxLength)
        {
            return false;
        }

        var padding = false;
        foreach (var c in value)
        {
            if (c == '=')
            {
                padding = true;
                continue;
            }

            if (padding || !(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '+' or '/'))
            {
                return false;
            }
        }

        return value[0] != '=';
    }

    /// <summary>Whether a value is printable ASCII without spaces (no CR/LF, no control characters, nothing that changes under encoding), 1 to <paramref name="maxLength"/> characters: what a refresh token may be.</summary>
    /// <param name="value">The value.</param>
    /// <param name="maxLength">The longest accepted.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    public static bool IsVisibleAscii(string? value, int maxLength) =>
        value is { Length: > 0 } && value.Length <= maxLength && value.All(c => c is > ' ' and < '\u007f');

    /// <summary>The shortest access-token lifetime believed (a shorter one is still refreshed when the server refuses it).</summary>
    public static readonly TimeSpan MinLifetime = TimeSpan.FromMinutes(5);

    /// <summary>The longest access-token lifetime believed: a token is re-checked with the server at least daily.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(1);

    /// <summary>The lifetime assumed when the server names none (or zero or less): an hour, Nextcloud's and Entra ID's usual one.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    /// <summary>
    /// An OAuth <c>expires_in</c>, clamped to [<see cref="MinLifetime"/>, <see cref="MaxLifetime"/>]; absent, zero or
    /// negative is <see cref="DefaultLifetime"/>. Never throws: a token answer is never dropped for its lifetime,
    /// because it may carry the only copy of a rotated refresh token.
    /// </summary>
    /// <param name="expiresInSeconds">The <c>expires_in</c> the server sent.</param>
    /// <returns>How long the access token is used.</returns>
    public static TimeSpan Lifetime(long? expiresInSeconds)
    {
        if (expiresInSeconds is not > 0)
        {
            return DefaultLifetime;
        }

        var seconds = expiresInSeconds.Value;
        if (seconds >= (long)MaxLifetime.TotalSeconds)
        {
            return MaxLifetime;
        }

        var lifetime = TimeSpan.FromSeconds(seconds);
        return lifetime < MinLifetime ? MinLifetime : lifetime;
    }
}
