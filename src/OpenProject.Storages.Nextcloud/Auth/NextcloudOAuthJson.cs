using System.Text.Json.Serialization;

namespace OpenProject.Storages.Nextcloud;

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
[JsonSerializable(typeof(NextcloudTokenErrorResponse))]
[JsonSerializable(typeof(NextcloudOcsUserResponse))]
[JsonSerializable(typeof(DistributedConnectEntry))]
internal sealed partial class NextcloudOAuthJsonContext : JsonSerializerContext;
