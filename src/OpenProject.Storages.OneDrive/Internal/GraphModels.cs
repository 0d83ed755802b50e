using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenProject.Storages.OneDrive.Internal;

/// <summary>A Graph <c>driveItem</c>, only the members the provider reads (<c>$select</c> asks for no more).</summary>
internal sealed class DriveItem
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public long? Size { get; set; }

    public string? WebUrl { get; set; }

    public IdentitySet? CreatedBy { get; set; }

    public IdentitySet? LastModifiedBy { get; set; }

    public FileSystemInfo? FileSystemInfo { get; set; }

    public FileFacet? File { get; set; }

    public FolderFacet? Folder { get; set; }

    public ParentReference? ParentReference { get; set; }

    public RootFacet? Root { get; set; }
}

internal sealed class IdentitySet
{
    public Identity? User { get; set; }
}

internal sealed class Identity
{
    public string? DisplayName { get; set; }
}

internal sealed class FileSystemInfo
{
    public DateTimeOffset? CreatedDateTime { get; set; }

    public DateTimeOffset? LastModifiedDateTime { get; set; }
}

internal sealed class FileFacet
{
    public string? MimeType { get; set; }
}

internal sealed class FolderFacet
{
    public long? ChildCount { get; set; }
}

internal sealed class RootFacet;

internal sealed class ParentReference
{
    public string? DriveId { get; set; }

    public string? Id { get; set; }

    public string? Path { get; set; }
}

internal sealed class DriveItemPage
{
    public List<DriveItem>? Value { get; set; }

    [JsonPropertyName("@odata.nextLink")]
    public string? NextLink { get; set; }
}

internal sealed class GraphErrorBody
{
    public GraphError? Error { get; set; }
}

internal sealed class GraphError
{
    public string? Code { get; set; }

    public string? Message { get; set; }

    public GraphError? InnerError { get; set; }
}

internal sealed class BatchRequest
{
    public List<BatchRequestItem> Requests { get; set; } = [];
}

internal sealed class BatchRequestItem
{
    public required string Id { get; set; }

    public required string Method { get; set; }

    public required string Url { get; set; }
}

internal sealed class BatchResponse
{
    public List<BatchResponseItem>? Responses { get; set; }
}

internal sealed class BatchResponseItem
{
    public string? Id { get; set; }

    public int Status { get; set; }

    public Dictionary<string, string>? Headers { get; set; }

    public System.Text.Json.JsonElement Body { get; set; }
}

/// <summary>The body of <c>POST …/children</c> that creates a folder.</summary>
internal sealed class NewFolderRequest
{
    public required string Name { get; set; }

    public FolderFacet Folder { get; set; } = new();

    [JsonPropertyName("@microsoft.graph.conflictBehavior")]
    public string ConflictBehavior { get; set; } = "fail";
}

/// <summary>The body of <c>PATCH items/{id}</c> that renames and moves.</summary>
internal sealed class ItemPatch
{
    public string? Name { get; set; }

    public ParentReference? ParentReference { get; set; }
}

/// <summary>The body of <c>createUploadSession</c>.</summary>
internal sealed class UploadSessionRequest
{
    public required UploadSessionItem Item { get; set; }
}

internal sealed class UploadSessionItem
{
    [JsonPropertyName("@microsoft.graph.conflictBehavior")]
    public required string ConflictBehavior { get; set; }

    public required string Name { get; set; }
}

/// <summary>An upload session: where the ranges go (pre-authenticated), until when, and what is still missing.</summary>
internal sealed class UploadSession
{
    public string? UploadUrl { get; set; }

    public DateTimeOffset? ExpirationDateTime { get; set; }

    public List<string>? NextExpectedRanges { get; set; }
}

/// <summary>A page of an item's <c>permissions</c>.</summary>
internal sealed class PermissionPage
{
    public List<GraphPermission>? Value { get; set; }

    [JsonPropertyName("@odata.nextLink")]
    public string? NextLink { get; set; }
}

/// <summary>
/// One Graph <c>permission</c> of an item: its id (for <c>DELETE …/permissions/{id}</c>), its roles (<c>owner</c>,
/// <c>write</c>, <c>read</c>), whom it is granted to, and <c>inheritedFrom</c> when it comes from above (recorded as <c>{}</c>).
/// </summary>
internal sealed class GraphPermission
{
    public string? Id { get; set; }

    public List<string>? Roles { get; set; }

    public PermissionGrantee? GrantedToV2 { get; set; }

    public ParentReference? InheritedFrom { get; set; }
}

/// <summary><c>grantedToV2</c>: an Entra user or group, or SharePoint's own site user or group.</summary>
internal sealed class PermissionGrantee
{
    public PermissionIdentity? User { get; set; }

    public PermissionIdentity? Group { get; set; }

    public PermissionIdentity? SiteUser { get; set; }

    public PermissionIdentity? SiteGroup { get; set; }
}

internal sealed class PermissionIdentity
{
    public string? Id { get; set; }

    public string? DisplayName { get; set; }
}

/// <summary>The body of <c>POST items/{id}/invite</c>, as OpenProject sends it: no mail, sign-in required, one role.</summary>
internal sealed class InviteRequest
{
    public bool RequireSignIn { get; set; } = true;

    public bool SendInvitation { get; set; }

    public required List<string> Roles { get; set; }

    public required List<InviteRecipient> Recipients { get; set; }
}

internal sealed class InviteRecipient
{
    public required string ObjectId { get; set; }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DriveItem))]
[JsonSerializable(typeof(DriveItemPage))]
[JsonSerializable(typeof(GraphErrorBody))]
[JsonSerializable(typeof(BatchRequest))]
[JsonSerializable(typeof(BatchResponse))]
[JsonSerializable(typeof(NewFolderRequest))]
[JsonSerializable(typeof(ItemPatch))]
[JsonSerializable(typeof(UploadSessionRequest))]
[JsonSerializable(typeof(UploadSession))]
[JsonSerializable(typeof(PermissionPage))]
[JsonSerializable(typeof(InviteRequest))]
internal sealed partial class GraphJsonContext : JsonSerializerContext;
