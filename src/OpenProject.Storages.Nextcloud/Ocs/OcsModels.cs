using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenProject.Storages.Nextcloud.Ocs;

/// <summary>The OCS <c>meta</c> block. With OCS v1 the HTTP status is 200 even on failure: this is the truth.</summary>
internal sealed class OcsMeta
{
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("statuscode")]
    public int StatusCode { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    /// <summary>100 (v1) and 200 (v2) mean success.</summary>
    public bool IsSuccess => StatusCode is 100 or 200;
}

/// <summary>One entry of the integration app's <c>fileinfo</c> / <c>filesinfo</c>; failures carry only status and statuscode.</summary>
internal sealed class OcsFileInfo
{
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("statuscode")]
    public int StatusCode { get; set; }

    [JsonPropertyName("id")]
    public long? Id { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("mtime")]
    public long? ModifiedTime { get; set; }

    [JsonPropertyName("ctime")]
    public long? CreatedTime { get; set; }

    [JsonPropertyName("mimetype")]
    public string? MimeType { get; set; }

    [JsonPropertyName("size")]
    public long? Size { get; set; }

    [JsonPropertyName("owner_name")]
    public string? OwnerName { get; set; }

    [JsonPropertyName("owner_id")]
    public string? OwnerId { get; set; }

    [JsonPropertyName("modifier_name")]
    public string? ModifierName { get; set; }

    [JsonPropertyName("modifier_id")]
    public string? ModifierId { get; set; }

    [JsonPropertyName("dav_permissions")]
    public string? DavPermissions { get; set; }

    [JsonPropertyName("path")]
    public string? Path { get; set; }

    /// <summary>
    /// Why this entry could not be read (a number too large for its field, a string where a number belongs),
    /// so that one odd entry fails alone instead of the whole answer; <see langword="null"/> when it was read.
    /// </summary>
    [JsonIgnore]
    public string? Unreadable { get; set; }
}

/// <summary><c>GET fileinfo/{id}</c>.</summary>
internal sealed class OcsFileInfoResponse
{
    [JsonPropertyName("ocs")]
    public OcsFileInfoBody? Ocs { get; set; }
}

internal sealed class OcsFileInfoBody
{
    [JsonPropertyName("meta")]
    public OcsMeta? Meta { get; set; }

    /// <summary>An object on success and per-file failure; <c>[]</c> when the request failed as a whole.</summary>
    [JsonPropertyName("data")]
    [JsonConverter(typeof(OcsFileInfoDataConverter))]
    public OcsFileInfo? Data { get; set; }
}

/// <summary><c>POST filesinfo</c>.</summary>
internal sealed class OcsFilesInfoResponse
{
    [JsonPropertyName("ocs")]
    public OcsFilesInfoBody? Ocs { get; set; }
}

internal sealed class OcsFilesInfoBody
{
    [JsonPropertyName("meta")]
    public OcsMeta? Meta { get; set; }

    /// <summary>An object keyed by the requested id; <c>[]</c> when empty; a string (<c>"invalid request"</c>) on a bad body.</summary>
    [JsonPropertyName("data")]
    [JsonConverter(typeof(OcsFilesInfoDataConverter))]
    public OcsFilesInfoData? Data { get; set; }
}

/// <summary>The entries of a <c>filesinfo</c> answer, keyed by id, or in request order when PHP sent a list.</summary>
internal sealed class OcsFilesInfoData
{
    public Dictionary<string, OcsFileInfo>? ById { get; init; }

    public List<OcsFileInfo>? InOrder { get; init; }
}

/// <summary>The body of <c>POST filesinfo</c>.</summary>
internal sealed class OcsFilesInfoRequest
{
    [JsonPropertyName("fileIds")]
    public required IReadOnlyList<long> FileIds { get; init; }
}

/// <summary><c>POST apps/dav/api/v1/direct</c> (OCS v2).</summary>
internal sealed class OcsDirectDownloadResponse
{
    [JsonPropertyName("ocs")]
    public OcsDirectDownloadBody? Ocs { get; set; }
}

internal sealed class OcsDirectDownloadBody
{
    [JsonPropertyName("meta")]
    public OcsMeta? Meta { get; set; }

    [JsonPropertyName("data")]
    [JsonConverter(typeof(OcsDirectDownloadDataConverter))]
    public OcsDirectDownloadData? Data { get; set; }
}

internal sealed class OcsDirectDownloadData
{
    [JsonPropertyName("url")]
    public string? Url { get; set; }
}

/// <summary>Only the meta block, for failures whose data has an unknown shape.</summary>
internal sealed class OcsMetaOnlyResponse
{
    [JsonPropertyName("ocs")]
    public OcsMetaOnlyBody? Ocs { get; set; }
}

internal sealed class OcsMetaOnlyBody
{
    [JsonPropertyName("meta")]
    public OcsMeta? Meta { get; set; }
}

/// <summary>The body of <c>POST direct-upload-token</c>.</summary>
internal sealed class DirectUploadTokenRequest
{
    [JsonPropertyName("folder_id")]
    public required long FolderId { get; init; }
}

/// <summary>The integration app's answer to <c>direct-upload-token</c> (plain JSON, no OCS envelope).</summary>
internal sealed class DirectUploadTokenResponse
{
    [JsonPropertyName("token")]
    public string? Token { get; set; }

    [JsonPropertyName("expires_on")]
    public long? ExpiresOn { get; set; }
}

/// <summary>The integration app's plain JSON error (<c>{"error": "..."}</c>) or Nextcloud's (<c>{"message": "..."}</c>).</summary>
internal sealed class AppErrorResponse
{
    [JsonPropertyName("error")]
    public string? Error { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }
}

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
