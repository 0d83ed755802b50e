using System.Text.Json.Serialization;

namespace OpenProject.Storages.OneDrive.Internal;

/// <summary>
/// Entra ID's answer at <c>{tenant}/oauth2/v2.0/token</c> as the app-only token reads it, or its OAuth error with a
/// description and the <c>AADSTS</c> numbers (<c>{"error":"invalid_grant","error_description":"AADSTS9002313: …","error_codes":[9002313],…}</c>).
/// A user's tokens are read and checked by the shared <see cref="OAuthTokenAnswer"/>.
/// </summary>
internal sealed class TokenAnswer
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; set; }

    [JsonPropertyName("expires_in")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long? ExpiresIn { get; set; }

    [JsonPropertyName("error")]
    public string? Error { get; set; }

    [JsonPropertyName("error_description")]
    public string? ErrorDescription { get; set; }

    [JsonPropertyName("error_codes")]
    public long[]? ErrorCodes { get; set; }
}

/// <summary><c>GET /me?$select=id</c>: the signed-in user's object id, OpenProject's <c>origin_user_id</c>.</summary>
internal sealed class GraphMe
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }
}

[JsonSerializable(typeof(TokenAnswer))]
[JsonSerializable(typeof(GraphMe))]
internal sealed partial class EntraJsonContext : JsonSerializerContext;
