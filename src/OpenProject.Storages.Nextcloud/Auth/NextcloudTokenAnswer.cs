using System.Text.Json;

namespace OpenProject.Storages.Nextcloud;

/// <summary>
/// Nextcloud's part of reading a 200 answer of its token endpoint: the shared checks of <see cref="OAuthTokenAnswer"/>,
/// plus <c>user_id</c> (sent by Nextcloud 28 and later; older servers are asked through <c>ocs/v1.php/cloud/user</c>).
/// </summary>
internal static class NextcloudTokenAnswer
{
    /// <summary>Far above Nextcloud's 72-character access tokens and 128-character refresh tokens, far below a header limit.</summary>
    private const int MaxTokenLength = 4096;

    /// <summary>Nextcloud user ids are at most 64 characters; leave room for other back-ends.</summary>
    private const int MaxUserIdLength = 255;

    /// <summary>The checked answer and its user id, or why it was refused (with the refresh token it carried, if that one is sound).</summary>
    public static (OAuthTokenAnswer? Token, string? UserId, string? Problem, string? RotatedRefreshToken) Read(JsonElement root)
    {
        var token = OAuthTokenAnswer.Read(root, MaxTokenLength, CheckUserId, out var problem, out var rotated);
        return (token, token is null ? null : OAuthTokenAnswer.Text(root, "user_id"), problem, rotated);
    }

    private static string? CheckUserId(JsonElement root) =>
        root.TryGetProperty("user_id", out var user) && user.ValueKind != JsonValueKind.Null
        && (user.ValueKind != JsonValueKind.String || user.GetString() is not { Length: > 0 and <= MaxUserIdLength } id || id.Any(char.IsControl))
            ? "user_id is not a user name"
            : null;
}
