using System.Text.Json.Serialization;

namespace OpenProject.Storages.Nextcloud;

/// <summary>A 200 answer of <c>index.php/apps/oauth2/api/v1/token</c>.</summary>
internal sealed class NextcloudTokenResponse
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; set; }

    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; set; }

    [JsonPropertyName("token_type")]
    public string? TokenType { get; set; }

    [JsonPropertyName("expires_in")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long? ExpiresIn { get; set; }

    [JsonPropertyName("user_id")]
    public string? UserId { get; set; }
}

/// <summary>A 400 answer of the token endpoint: <c>{"error":"invalid_grant"}</c>.</summary>
internal sealed class NextcloudTokenErrorResponse
{
    [JsonPropertyName("error")]
    public string? Error { get; set; }
}

/// <summary>The OCS envelope of <c>ocs/v1.php/cloud/user</c>.</summary>
internal sealed class NextcloudOcsUserResponse
{
    [JsonPropertyName("ocs")]
    public OcsBody? Ocs { get; set; }

    internal sealed class OcsBody
    {
        [JsonPropertyName("meta")]
        public OcsMeta? Meta { get; set; }

        [JsonPropertyName("data")]
        public OcsUser? Data { get; set; }
    }

    internal sealed class OcsMeta
    {
        [JsonPropertyName("statuscode")]
        public int StatusCode { get; set; }
    }

    internal sealed class OcsUser
    {
        [JsonPropertyName("id")]
        public string? Id { get; set; }
    }
}

[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(NextcloudTokenResponse))]
[JsonSerializable(typeof(NextcloudTokenErrorResponse))]
[JsonSerializable(typeof(NextcloudOcsUserResponse))]
[JsonSerializable(typeof(DistributedConnectEntry))]
internal sealed partial class NextcloudOAuthJsonContext : JsonSerializerContext;
