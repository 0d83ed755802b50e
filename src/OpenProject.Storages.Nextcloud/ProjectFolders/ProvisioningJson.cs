using System.Text.Json;
using System.Text.Json.Serialization;
using OpenProject.Storages.Nextcloud.Ocs;

namespace OpenProject.Storages.Nextcloud.ProjectFolders;

/// <summary>An OCS provisioning answer: the meta block and, for a group, <c>data.users</c>; <c>data</c> is <c>[]</c> on failure.</summary>
internal sealed class OcsProvisioningResponse
{
    [JsonPropertyName("ocs")]
    public OcsProvisioningBody? Ocs { get; set; }
}

internal sealed class OcsProvisioningBody
{
    [JsonPropertyName("meta")]
    public OcsMeta? Meta { get; set; }

    [JsonPropertyName("data")]
    public JsonElement Data { get; set; }
}

/// <summary>Source-generated metadata for the provisioning answers.</summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(OcsProvisioningResponse))]
internal sealed partial class ProvisioningJsonContext : JsonSerializerContext;
