using System.Globalization;
using System.Text.Json;

namespace OpenProject.Storages.Nextcloud;

/// <summary>
/// Reads and checks a 200 answer of the token endpoint before anything of it is stored. A token that is
/// stored is sent with every later request of the user, so a bad one (a CR/LF, a control character, a
/// missing field) would poison all of them: such an answer is refused as a whole. One exception: a valid
/// <c>refresh_token</c> is still handed out of a refused answer, because Nextcloud has already rotated the
/// old one and that copy is the only way the user stays logged in. <c>expires_in</c> never refuses an
/// answer: it is clamped where it is used (<see cref="OAuthTokenValues.Lifetime"/>).
/// </summary>
internal static class NextcloudTokenAnswer
{
    /// <summary>Far above Nextcloud's 72-character access tokens and 128-character refresh tokens, far below a header limit.</summary>
    private const int MaxTokenLength = 4096;

    /// <summary>Nextcloud user ids are at most 64 characters; leave room for other back-ends.</summary>
    private const int MaxUserIdLength = 255;

    /// <summary>The checked answer, or why it was refused (with the refresh token it carried, if that one is sound).</summary>
    public static (NextcloudTokenResponse? Token, string? Problem, string? RotatedRefreshToken) Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, "the answer is not a JSON object", null);
        }

        var refreshToken = String(root, "refresh_token");
        var refreshOk = OAuthTokenValues.IsVisibleAscii(refreshToken, MaxTokenLength);
        var problem = Check(root, refreshToken, refreshOk);
        if (problem is not null)
        {
            return (null, problem, refreshOk ? refreshToken : null);
        }

        return (new NextcloudTokenResponse
        {
            AccessToken = String(root, "access_token"),
            RefreshToken = refreshToken,
            TokenType = String(root, "token_type"),
            ExpiresIn = ExpiresIn(root),
            UserId = String(root, "user_id"),
        }, null, null);
    }

    private static string? Check(JsonElement root, string? refreshToken, bool refreshOk)
    {
        if (String(root, "access_token") is not { } access || !OAuthTokenValues.IsBearerToken(access, MaxTokenLength))
        {
            return "access_token is missing or has characters a bearer token cannot have";
        }

        if (!string.Equals(String(root, "token_type"), "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return "token_type is missing or not Bearer";
        }

        if (refreshToken is null || !refreshOk)
        {
            return "refresh_token is missing or has control or non-ASCII characters";
        }

        if (root.TryGetProperty("user_id", out var user) && user.ValueKind != JsonValueKind.Null
            && (user.ValueKind != JsonValueKind.String || user.GetString() is not { Length: > 0 and <= MaxUserIdLength } id || id.Any(char.IsControl)))
        {
            return "user_id is not a user name";
        }

        return null;
    }

    /// <summary>A string property, or <see langword="null"/> when it is absent or not a string.</summary>
    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Seconds as a number or a numeric string; a number beyond <see cref="long"/> counts as "very long" and is clamped later.</summary>
    private static long? ExpiresIn(JsonElement root)
    {
        if (!root.TryGetProperty("expires_in", out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var seconds) => seconds,
            JsonValueKind.Number when value.TryGetDouble(out var huge) => huge > 0 ? long.MaxValue : null,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds) => seconds,
            _ => null,
        };
    }
}
