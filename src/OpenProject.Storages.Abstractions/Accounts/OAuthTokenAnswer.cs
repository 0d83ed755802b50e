using System.Globalization;
using System.Text.Json;

namespace OpenProject.Storages;

/// <summary>
/// A checked 200 answer of an OAuth2 token endpoint (<c>access_token</c>, <c>token_type</c> Bearer, <c>refresh_token</c>,
/// <c>expires_in</c>), read by <see cref="Read"/> before anything of it is stored. A token that is stored is sent with
/// every later request of the user, so a bad one (a CR/LF, a control character, a missing field) would poison all of
/// them: such an answer is refused as a whole. One exception: a sound <c>refresh_token</c> is still handed out of a
/// refused answer, because the server has already rotated the old one and that copy is the only way the user stays
/// logged in. <c>expires_in</c> never refuses an answer: it is clamped where it is used
/// (<see cref="OAuthTokenValues.Lifetime"/>). <see cref="ToString"/> shows no token.
/// </summary>
public sealed record OAuthTokenAnswer
{
    /// <summary>The access token (a bearer token).</summary>
    public required string AccessToken { get; init; }

    /// <summary>The new refresh token (printable ASCII).</summary>
    public required string RefreshToken { get; init; }

    /// <summary>The <c>expires_in</c> seconds as sent (a number or a numeric string; beyond <see cref="long"/> is <see cref="long.MaxValue"/>), or <see langword="null"/>.</summary>
    public long? ExpiresIn { get; init; }

    /// <summary>Reads and checks an answer.</summary>
    /// <param name="root">The answer's JSON.</param>
    /// <param name="maxTokenLength">The longest token accepted.</param>
    /// <param name="check">The provider's own check of its extra fields (for example Nextcloud's <c>user_id</c>): why the answer is refused, or <see langword="null"/>.</param>
    /// <param name="problem">Why the answer was refused (no secret in it), or <see langword="null"/>.</param>
    /// <param name="rotatedRefreshToken">The sound refresh token of a refused answer, or <see langword="null"/>.</param>
    /// <returns>The answer, or <see langword="null"/> when it was refused.</returns>
    public static OAuthTokenAnswer? Read(JsonElement root, int maxTokenLength, Func<JsonElement, string?>? check, out string? problem, out string? rotatedRefreshToken)
    {
        rotatedRefreshToken = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            problem = "the answer is not a JSON object";
            return null;
        }

        var refreshToken = Text(root, "refresh_token");
        var refreshOk = OAuthTokenValues.IsVisibleAscii(refreshToken, maxTokenLength);
        problem = Check(root, maxTokenLength, refreshOk) ?? check?.Invoke(root);
        if (problem is not null)
        {
            rotatedRefreshToken = refreshOk ? refreshToken : null;
            return null;
        }

        return new OAuthTokenAnswer { AccessToken = Text(root, "access_token")!, RefreshToken = refreshToken!, ExpiresIn = ReadExpiresIn(root) };
    }

    /// <summary>A string property of an answer, or <see langword="null"/> when it is absent or not a string.</summary>
    /// <param name="root">The answer's JSON.</param>
    /// <param name="name">The property.</param>
    /// <returns>The value.</returns>
    public static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A description without the tokens.</summary>
    /// <returns>The lifetime.</returns>
    public override string ToString() => $"OAuthTokenAnswer {{ ExpiresIn = {ExpiresIn}, AccessToken = ***, RefreshToken = *** }}";

    private static string? Check(JsonElement root, int maxTokenLength, bool refreshOk)
    {
        if (!OAuthTokenValues.IsBearerToken(Text(root, "access_token"), maxTokenLength))
        {
            return "access_token is missing or has characters a bearer token cannot have";
        }

        if (!string.Equals(Text(root, "token_type"), "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return "token_type is missing or not Bearer";
        }

        return refreshOk ? null : "refresh_token is missing or has control or non-ASCII characters";
    }

    /// <summary>Seconds as a number or a numeric string; a number beyond <see cref="long"/> counts as "very long" and is clamped later.</summary>
    private static long? ReadExpiresIn(JsonElement root)
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
