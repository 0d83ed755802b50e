using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenProject.Storages.Nextcloud.Http;
using OpenProject.Storages.Nextcloud.Ocs;
using OpenProject.Storages.Nextcloud.WebDav;
using OpenProject.Storages.ProjectFolders;

namespace OpenProject.Storages.Nextcloud.ProjectFolders;

/// <summary>
/// Project folders in a Nextcloud team folder (groupfolders with advanced permissions), as the
/// technical user with its app password: the team folder is <see cref="NextcloudStorageOptions.TeamFolderName"/>
/// in the technical user's files; ACLs are read with PROPFIND and replaced with PROPPATCH of
/// <c>nc:acl-list</c>; folders are created with MKCOL and renamed with MOVE (<c>Overwrite: F</c>); group
/// membership goes through the provisioning API (OCS v1), whose codes 101–105 become distinct
/// <see cref="ProjectFolderErrorCodes"/>.
/// </summary>
/// <remarks>
/// Registered by <c>AddNextcloudStorage(...).AddProjectFolders()</c>. Nextcloud answers an ACL change
/// by a user who may not manage the ACL with success and stores nothing; <see cref="ProjectFolderSynchronizer"/>
/// reads every change back to catch that.
/// </remarks>
public sealed class NextcloudProjectFolderStorage : IProjectFolderStorage, IProjectFolderGroups
{
    private static readonly HttpMethod Proppatch = new("PROPPATCH");
    private static readonly MediaTypeHeaderValue XmlContentType = new("application/xml") { CharSet = "utf-8" };

    private readonly NextcloudConnection _connection;

    internal NextcloudProjectFolderStorage(StorageId id, IHttpClientFactory clients, IOptionsMonitor<NextcloudStorageOptions> options, ILogger<NextcloudProjectFolderStorage> logger)
    {
        Id = id;
        _connection = new NextcloudConnection(id, clients, options, () => null, logger);
    }

    /// <summary>The host's id of the storage.</summary>
    public StorageId Id { get; }

    /// <inheritdoc/>
    public async Task<ManagedRootState> ReadManagedRootAsync(CancellationToken cancellationToken = default)
    {
        const string operation = "reading the team folder";
        var (context, root) = await ContextAsync(cancellationToken).ConfigureAwait(false);
        var resources = await PropfindAsync(context, root, "1", operation, cancellationToken).ConfigureAwait(false);
        var self = resources.Find(resource => resource.Path == root)
            ?? throw _connection.Failed(NextcloudErrors.InvalidResponse(operation, 207, "a multistatus without the team folder itself"), operation);
        var rootId = self.Id ?? throw _connection.Failed(NextcloudErrors.InvalidResponse(operation, 207, "no file id for the team folder"), operation);
        var folders = new List<ProjectFolderEntry>();
        foreach (var resource in resources)
        {
            if (!ReferenceEquals(resource, self) && resource.IsCollection && resource.Path.Parent == root)
            {
                var id = resource.Id ?? throw _connection.Failed(NextcloudErrors.InvalidResponse(operation, 207, "a folder without a file id"), operation);
                folders.Add(new ProjectFolderEntry { Id = id, Name = resource.Path.Name, AccessRules = resource.Rules });
            }
        }

        return new ManagedRootState { RootId = rootId, RootAccessRules = self.Rules, Folders = folders };
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<FolderAccessRule>> GetAccessRulesAsync(FileId folderId, StoragePath folder, CancellationToken cancellationToken = default)
    {
        const string operation = "reading a folder's permissions";
        var (context, root) = await ContextAsync(cancellationToken).ConfigureAwait(false);
        var path = Below(root, folder);
        var resources = await PropfindAsync(context, path, "0", operation, cancellationToken).ConfigureAwait(false);
        var self = resources.Find(resource => resource.Path == path)
            ?? throw _connection.Failed(NextcloudErrors.InvalidResponse(operation, 207, "a multistatus without the folder"), operation);
        if (self.Id != folderId)
        {
            throw _connection.Failed(new StorageException(StorageErrorCode.NotFound, $"The folder '{folder}' is no longer the one with id {folderId}.", 207), operation);
        }

        return self.Rules;
    }

    /// <inheritdoc/>
    public async Task<ProjectFolderEntry> CreateFolderAsync(string name, CancellationToken cancellationToken = default)
    {
        const string operation = "creating a project folder";
        var (context, root) = await ContextAsync(cancellationToken).ConfigureAwait(false);
        var path = root.Combine(name);
        using var request = _connection.CreateRequest(NextcloudConnection.Mkcol, _connection.Uris.Files(context.StorageUserId, path), context);
        using var response = await _connection.SendAsync(request, operation, cancellationToken).ConfigureAwait(false);
        await _connection.EnsureDavSuccessAsync(response, operation, cancellationToken).ConfigureAwait(false);
        var id = FileIdFromHeader(response);
        if (id is null)
        {
            // Some proxies drop OC-FileId: ask for the id.
            var resources = await PropfindAsync(context, path, "0", operation, cancellationToken).ConfigureAwait(false);
            id = resources.Find(resource => resource.Path == path)?.Id
                ?? throw _connection.Failed(NextcloudErrors.InvalidResponse(operation, 207, "no file id for the new folder"), operation);
        }

        return new ProjectFolderEntry { Id = id.Value, Name = name };
    }

    /// <inheritdoc/>
    public async Task RenameFolderAsync(FileId folderId, string currentName, string newName, CancellationToken cancellationToken = default)
    {
        const string operation = "renaming a project folder";
        var (context, root) = await ContextAsync(cancellationToken).ConfigureAwait(false);
        using var request = _connection.CreateRequest(NextcloudConnection.Move, _connection.Uris.Files(context.StorageUserId, root.Combine(currentName)), context);
        request.Headers.Add("Destination", _connection.Uris.Files(context.StorageUserId, root.Combine(newName)).AbsoluteUri);
        request.Headers.Add("Overwrite", "F");
        using var response = await _connection.SendAsync(request, operation, cancellationToken).ConfigureAwait(false);
        await _connection.EnsureDavSuccessAsync(response, operation, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task SetAccessRulesAsync(FileId folderId, StoragePath folder, IReadOnlyList<FolderAccessRule> rules, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        const string operation = "setting a folder's permissions";
        var (context, root) = await ContextAsync(cancellationToken).ConfigureAwait(false);
        var path = Below(root, folder);
        using var request = _connection.CreateRequest(Proppatch, _connection.Uris.Files(context.StorageUserId, path), context);
        request.Content = new ByteArrayContent(TeamFolderAcl.ProppatchBody(rules)) { Headers = { ContentType = XmlContentType } };
        using var response = await _connection.SendAsync(request, operation, cancellationToken).ConfigureAwait(false);
        await _connection.EnsureDavSuccessAsync(response, operation, cancellationToken).ConfigureAwait(false);
        var resources = ToAclResources(await _connection.ReadMultiStatusAsync(response, teamFolderProperties: true, operation, cancellationToken).ConfigureAwait(false), context, operation);
        var status = resources.Select(resource => resource.AclStatus).FirstOrDefault(code => code is not null);
        if (status == 200)
        {
            return;
        }

        // Sabre answers 207 with 403 for nc:acl-list when no handler takes the property (no team folder, no ACL manager).
        throw _connection.Failed(
            status is { } code
                ? new StorageException(code is 401 or 403 ? StorageErrorCode.Forbidden : StorageErrorCode.Unknown, $"Nextcloud refused {operation}: HTTP {code} for nc:acl-list. Is the folder in a team folder with advanced permissions, and may the technical user manage them?", 207)
                : NextcloudErrors.InvalidResponse(operation, 207, "a multistatus without nc:acl-list"),
            operation);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<string>> GetGroupMembersAsync(string groupId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        const string operation = "reading the group's members";
        var (context, _) = await ContextAsync(cancellationToken).ConfigureAwait(false);
        using var request = _connection.CreateOcsRequest(HttpMethod.Get, Ocs("ocs/v1.php/cloud/groups/" + Uri.EscapeDataString(groupId)), context);
        var data = await SendProvisioningAsync(request, operation, groupId, null, cancellationToken).ConfigureAwait(false);
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("users", out var users) || users.ValueKind is not (JsonValueKind.Array or JsonValueKind.Object))
        {
            throw _connection.Failed(NextcloudErrors.InvalidResponse(operation, 200, "an OCS answer without data.users"), operation);
        }

        // PHP sends a list, or an object keyed by index when it skipped an entry.
        var members = users.ValueKind == JsonValueKind.Array ? users.EnumerateArray() : users.EnumerateObject().Select(property => property.Value);
        return [.. members.Where(user => user.ValueKind == JsonValueKind.String).Select(user => user.GetString()!)];
    }

    /// <inheritdoc/>
    public async Task AddGroupMemberAsync(string groupId, string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        const string operation = "adding a user to the group";
        var (context, _) = await ContextAsync(cancellationToken).ConfigureAwait(false);
        using var request = _connection.CreateOcsRequest(HttpMethod.Post, Ocs("ocs/v1.php/cloud/users/" + Uri.EscapeDataString(userId) + "/groups"), context);
        request.Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("groupid", groupId)]);
        await SendProvisioningAsync(request, operation, groupId, userId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task RemoveGroupMemberAsync(string groupId, string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        const string operation = "removing a user from the group";
        var (context, _) = await ContextAsync(cancellationToken).ConfigureAwait(false);
        using var request = _connection.CreateOcsRequest(HttpMethod.Delete, Ocs("ocs/v1.php/cloud/users/" + Uri.EscapeDataString(userId) + "/groups?groupid=" + Uri.EscapeDataString(groupId)), context);
        await SendProvisioningAsync(request, operation, groupId, userId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Maps a provisioning API status code (OCS v1 <c>meta.statuscode</c>) to an error; <see langword="null"/> for success.</summary>
    internal static StorageException? FromProvisioning(string operation, int ocsStatus, int httpStatus, string? detail, string groupId, string? userId) => ocsStatus switch
    {
        100 or 200 => null,
        101 => new(ProjectFolderErrorCodes.NoGroupSpecified, $"Nextcloud refused {operation}: no group was given (OCS 101).", httpStatus, detail),
        102 => new(ProjectFolderErrorCodes.GroupNotFound, $"Nextcloud refused {operation}: group '{groupId}' does not exist (OCS 102).", httpStatus, detail),
        103 => new(ProjectFolderErrorCodes.UserNotFound, $"Nextcloud refused {operation}: user '{userId}' does not exist (OCS 103).", httpStatus, detail),
        104 => new(ProjectFolderErrorCodes.InsufficientPrivileges, $"Nextcloud refused {operation}: the technical user may not manage group '{groupId}' (OCS 104).", httpStatus, detail),
        105 => new(ProjectFolderErrorCodes.GroupMembershipRefused, $"Nextcloud refused {operation} (OCS 105).", httpStatus, detail),
        404 when userId is null => new(ProjectFolderErrorCodes.GroupNotFound, $"Nextcloud refused {operation}: group '{groupId}' does not exist (OCS 404).", httpStatus, detail),
        _ => NextcloudErrors.FromOcs(operation, ocsStatus, httpStatus, detail),
    };

    private async Task<JsonElement> SendProvisioningAsync(HttpRequestMessage request, string operation, string groupId, string? userId, CancellationToken cancellationToken)
    {
        using var response = await _connection.SendAsync(request, operation, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (status == 401)
        {
            throw _connection.Failed(NextcloudErrors.Unauthorized(operation, status, null), operation);
        }

        if (status >= 500)
        {
            throw _connection.Failed(NextcloudErrors.Unavailable(operation, status, null), operation);
        }

        // OCS v1 answers 200 with the real code in meta.statuscode; v2 answers 400 for 101–105, with the same body.
        var body = await _connection.ReadJsonAsync(response, OcsJsonContext.Default.OcsProvisioningResponse, operation, cancellationToken).ConfigureAwait(false);
        var meta = body.Ocs?.Meta ?? throw _connection.Failed(NextcloudErrors.InvalidResponse(operation, status, "JSON without an OCS envelope"), operation);
        var detail = string.IsNullOrWhiteSpace(meta.Message) ? null : meta.Message.Trim();
        if (FromProvisioning(operation, meta.StatusCode, status, detail, groupId, userId) is { } error)
        {
            throw _connection.Failed(error, operation);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw _connection.Failed(NextcloudErrors.FromOcs(operation, status, status, detail), operation);
        }

        return body.Ocs!.Data;
    }

    private async Task<List<AclResource>> PropfindAsync(Http.NextcloudRequestContext context, StoragePath path, string depth, string operation, CancellationToken cancellationToken)
    {
        var resources = await _connection.PropfindAsync(context, path, depth, PropfindBodies.Acl, teamFolderProperties: true, operation, cancellationToken).ConfigureAwait(false);
        return ToAclResources(resources, context, operation);
    }

    private List<AclResource> ToAclResources(List<DavResource> resources, Http.NextcloudRequestContext context, string operation)
    {
        try
        {
            return resources.ConvertAll(resource => TeamFolderAcl.ToAclResource(resource, context.StorageUserId));
        }
        catch (InvalidDataException ex)
        {
            throw _connection.Failed(NextcloudErrors.InvalidResponse(operation, 207, "a multistatus that cannot be used", inner: ex), operation);
        }
    }

    private async Task<(Http.NextcloudRequestContext Context, StoragePath Root)> ContextAsync(CancellationToken cancellationToken)
    {
        var context = await _connection.ResolveAsync(StorageActor.TechnicalUser, cancellationToken).ConfigureAwait(false);
        var name = _connection.Options.TeamFolderName;
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new StorageException(StorageErrorCode.NotConfigured, $"The Nextcloud storage '{Id}' has no team folder name (NextcloudStorageOptions.TeamFolderName).");
        }

        return (context, StoragePath.Parse(name));
    }

    private static StoragePath Below(StoragePath root, StoragePath relative)
    {
        var path = root;
        foreach (var segment in relative.Segments)
        {
            path = path.Combine(segment);
        }

        return path;
    }

    private Uri Ocs(string relative) => new(_connection.Uris.Base, relative);

    // OC-FileId is the id zero-padded to eight digits followed by the instance id, which starts with "oc".
    private static FileId? FileIdFromHeader(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("OC-FileId", out var values))
        {
            return null;
        }

        var text = values.FirstOrDefault() ?? string.Empty;
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        return digits > 0 && long.TryParse(text.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? new FileId(id.ToString(CultureInfo.InvariantCulture))
            : null;
    }
}
