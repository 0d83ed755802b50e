namespace OpenProject.Storages.Nextcloud.WebDav;

/// <summary>One <c>nc:acl</c> element of an <c>nc:acl-list</c>, with its values as sent; the display name is not kept.</summary>
/// <param name="MappingType"><c>nc:acl-mapping-type</c>: <c>user</c>, <c>group</c> or <c>circle</c>.</param>
/// <param name="MappingId"><c>nc:acl-mapping-id</c>.</param>
/// <param name="Mask"><c>nc:acl-mask</c>: the permission bits the rule sets.</param>
/// <param name="Permissions"><c>nc:acl-permissions</c>: allow (1) or deny (0) for each masked bit.</param>
internal sealed record DavAcl(string? MappingType, string? MappingId, string? Mask, string? Permissions);
