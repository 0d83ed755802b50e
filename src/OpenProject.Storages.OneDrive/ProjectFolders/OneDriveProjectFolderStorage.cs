using System.Globalization;
using System.Text.Json;
using OpenProject.Storages.OneDrive.Internal;
using OpenProject.Storages.ProjectFolders;

namespace OpenProject.Storages.OneDrive.ProjectFolders;

/// <summary>
/// Project folders in the root of a OneDrive/SharePoint drive, as OpenProject's OneDrive sync keeps them, with the
/// app-only token: folders are created with <c>POST root/children</c> (<c>conflictBehavior=fail</c>) and renamed with
/// <c>PATCH items/{id}</c>; a folder's access list is its users' <c>read</c> and <c>write</c> permissions, granted with
/// <c>POST items/{id}/invite</c> (no mail, sign-in required) and removed with <c>DELETE items/{id}/permissions/{id}</c>.
/// </summary>
/// <remarks>
/// <para>
/// Users are Entra ID object ids (the <c>id</c> of <c>GET /me</c>; <see cref="ProjectFolderMember.StorageUserId"/>).
/// Owners (the library's owners, inherited or copied when a folder stops inheriting) are never touched and never part
/// of an access list: they, and the app through its app role, keep access to every folder, as the drive guide of
/// OpenProject requires (the library stops inheriting its site's permissions; only its owners have access). Other
/// permissions a folder inherits are not part of its list either.
/// </para>
/// <para>
/// OneDrive grants roles, not single permissions (<see cref="IProjectFolderPermissionRoles"/>): anything that changes
/// content is <c>write</c> (read, write, create, delete), reading alone is <c>read</c>. There is no group
/// (<see cref="ProjectFolderDesiredState.GroupId"/> stays unset) and no rule for the technical user
/// (<see cref="ProjectFolderDesiredState.TechnicalUserId"/> stays unset); a hidden folder has no read or write
/// permission left. Set <see cref="ProjectFolderDesiredState.ForbiddenNameCharacters"/> to <see cref="ForbiddenNameCharacters"/>.
/// </para>
/// </remarks>
public sealed class OneDriveProjectFolderStorage : IProjectFolderStorage, IProjectFolderPermissionRoles
{
    /// <summary>
    /// Characters SharePoint does not allow in names beyond <c>/</c> and <c>\</c>; OpenProject replaces them (and
    /// <c>+</c>) with <c>_</c> in a project folder's name. Pass them as <see cref="ProjectFolderDesiredState.ForbiddenNameCharacters"/>.
    /// </summary>
    public const string ForbiddenNameCharacters = "<>+?:\"|*";

    /// <summary>What a <c>write</c> permission grants.</summary>
    public const StoragePermissions WriteRole = StoragePermissions.Read | StoragePermissions.Write | StoragePermissions.Create | StoragePermissions.Delete;

    /// <summary>What a <c>read</c> permission grants.</summary>
    public const StoragePermissions ReadRole = StoragePermissions.Read;

    private const StoragePermissions Changes = StoragePermissions.Write | StoragePermissions.Create | StoragePermissions.Delete;
    private static readonly StorageActor App = StorageActor.TechnicalUser;

    private readonly GraphConnection _graph;
    private readonly OneDriveStorageOptions _options;

    /// <summary>Creates the project folder part of a OneDrive storage; it shares the storage's Graph client and app-only token.</summary>
    /// <param name="storage">The storage, with <see cref="OneDriveStorageOptions.TenantId"/>, <see cref="OneDriveStorageOptions.ClientId"/> and <see cref="OneDriveStorageOptions.ClientSecret"/> set.</param>
    public OneDriveProjectFolderStorage(OneDriveFileStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        Id = storage.Id;
        _graph = storage.Graph;
        _options = storage.Options;
    }

    /// <summary>The host's id of the storage.</summary>
    public StorageId Id { get; }

    /// <inheritdoc/>
    public StoragePermissions ToGrantable(StoragePermissions requested) =>
        (requested & Changes) != 0 ? WriteRole
        : (requested & StoragePermissions.Read) != 0 ? ReadRole
        : StoragePermissions.None;

    /// <inheritdoc/>
    /// <remarks>
    /// <c>GET root</c> for its id, the root's children (pages followed), then every folder's permissions in <c>$batch</c>es
    /// of 20 (OpenProject reads each folder and its permissions one by one: two requests a folder). A folder deleted
    /// meanwhile is left out; a folder whose permissions fail in the batch is read once more on its own.
    /// </remarks>
    public async Task<ManagedRootState> ReadManagedRootAsync(CancellationToken cancellationToken = default)
    {
        const string Operation = "read the drive's root and its project folders";
        var root = await _graph.GetJsonAsync(App, DriveItems.Resolve(_options, DriveItems.ByPath(_options.DriveId, StoragePath.Root), "$select=id"), GraphJsonContext.Default.DriveItem, Operation, cancellationToken).ConfigureAwait(false);
        var rootId = PlausibleId(root.Id, Operation);
        var folders = new List<(FileId Id, string Name)>();
        var next = DriveItems.Resolve(_options, DriveItems.ById(_options.DriveId, rootId) + "/children", string.Create(CultureInfo.InvariantCulture, $"$select=id,name,folder&$top={_options.PageSize}"));
        var seen = 0;
        while (next is not null)
        {
            var page = await _graph.GetJsonAsync(App, next, GraphJsonContext.Default.DriveItemPage, Operation, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Value ?? [])
            {
                if (++seen > _options.MaxListingChildren)
                {
                    throw new StorageException(StorageErrorCode.InvalidResponse, string.Create(CultureInfo.InvariantCulture, $"The drive's root holds more than {_options.MaxListingChildren} items, the most a listing collects."));
                }

                if (item.Folder is not null)
                {
                    folders.Add((PlausibleId(item.Id, Operation), item.Name is { Length: > 0 } name && StoragePath.IsValidName(name) ? name : throw Invalid(Operation, "a folder without a valid name")));
                }
            }

            next = NextPage(page.NextLink, Operation);
        }

        var entries = new List<ProjectFolderEntry>(folders.Count);
        foreach (var chunk in folders.Chunk(OneDriveFileStorage.MaxBatchSize))
        {
            var pages = await ReadPermissionBatchAsync(chunk.Select(folder => folder.Id).ToArray(), Operation, cancellationToken).ConfigureAwait(false);
            foreach (var (id, name) in chunk)
            {
                if (pages.TryGetValue(id, out var permissions) && permissions is not null)
                {
                    entries.Add(new ProjectFolderEntry { Id = id, Name = name, AccessRules = ToRules(permissions) });
                }
            }
        }

        // SharePoint compares names without regard to case: "APOLLO (1)" takes the name "Apollo (1)".
        return new ManagedRootState { RootId = rootId, RootAccessRules = [], Folders = entries, NamesIgnoreCase = true };
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<FolderAccessRule>> GetAccessRulesAsync(FileId folderId, StoragePath folder, CancellationToken cancellationToken = default) =>
        ToRules(await ReadPermissionsAsync(RequirePlausible(folderId), "read a project folder's permissions", cancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public async Task<ProjectFolderEntry> CreateFolderAsync(string name, CancellationToken cancellationToken = default)
    {
        const string Operation = "create a project folder";
        ArgumentNullException.ThrowIfNull(name);
        if (!StoragePath.IsValidName(name))
        {
            throw new ArgumentException("The name must be one valid path segment.", nameof(name));
        }

        var payload = JsonSerializer.SerializeToUtf8Bytes(new NewFolderRequest { Name = name }, GraphJsonContext.Default.NewFolderRequest);
        var created = await _graph.SendJsonAsync(App, () => OneDriveFileStorage.JsonRequest(HttpMethod.Post, DriveItems.Resolve(_options, DriveItems.ByPath(_options.DriveId, StoragePath.Root) + "/children"), payload), GraphJsonContext.Default.DriveItem, Operation, cancellationToken).ConfigureAwait(false);
        return new ProjectFolderEntry { Id = PlausibleId(created.Id, Operation), Name = created.Name ?? name };
    }

    /// <inheritdoc/>
    /// <remarks><c>PATCH items/{id}</c> with the new name; Graph refuses a name that exists (409 <c>nameAlreadyExists</c>: <see cref="StorageErrorCode.Conflict"/>).</remarks>
    public async Task RenameFolderAsync(FileId folderId, string currentName, string newName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(newName);
        if (!StoragePath.IsValidName(newName))
        {
            throw new ArgumentException("The name must be one valid path segment.", nameof(newName));
        }

        var payload = JsonSerializer.SerializeToUtf8Bytes(new ItemPatch { Name = newName }, GraphJsonContext.Default.ItemPatch);
        await _graph.SendAsync(App, () => OneDriveFileStorage.JsonRequest(HttpMethod.Patch, DriveItems.Resolve(_options, DriveItems.ById(_options.DriveId, RequirePlausible(folderId))), payload), "rename a project folder", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Reads the folder's permissions, deletes the read and write permissions that are not wanted (or carry another role),
    /// then invites the missing users, one <c>invite</c> per role with all its users (as recorded). Users who keep their role
    /// keep their permission: OpenProject deletes and re-invites every user of a role when one changes. When the directory
    /// does not know one of the users (400 <c>noResolvedUsers</c>, and nobody of that invitation is granted), the users are
    /// invited one by one so the others get access, and the step fails with <see cref="ProjectFolderErrorCodes.UserNotFound"/>
    /// naming the unknown ids. Only user rules can be stored.
    /// </remarks>
    public async Task SetAccessRulesAsync(FileId folderId, StoragePath folder, IReadOnlyList<FolderAccessRule> rules, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        const string Operation = "set a project folder's permissions";
        var wanted = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var rule in rules)
        {
            ArgumentNullException.ThrowIfNull(rule, nameof(rules));
            if (rule.Target != FolderAccessTarget.User)
            {
                throw new StorageException(StorageErrorCode.NotSupported, $"OneDrive project folders grant users only; the {rule.Target.ToString().ToLowerInvariant()} rule for {rule.TargetId} cannot be stored.");
            }

            if (RoleOf(ToGrantable(rule.Permissions)) is { } role)
            {
                wanted[rule.TargetId] = role;
            }
        }

        var id = RequirePlausible(folderId);
        var current = await ReadPermissionsAsync(id, Operation, cancellationToken).ConfigureAwait(false);
        var kept = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var permission in current.Where(IsManaged))
        {
            var user = permission.GrantedToV2?.User?.Id;
            if (user is not null && wanted.TryGetValue(user, out var role) && RoleOf(permission) == role && kept.Add(user))
            {
                continue;
            }

            var permissionId = permission.Id is { Length: > 0 and <= 512 } p ? p : throw Invalid(Operation, "a permission without an id");
            await _graph.SendAsync(App, () => new HttpRequestMessage(HttpMethod.Delete, DriveItems.Resolve(_options, DriveItems.ById(_options.DriveId, id) + "/permissions/" + Uri.EscapeDataString(permissionId))), Operation, cancellationToken).ConfigureAwait(false);
        }

        var unresolved = new List<string>();
        foreach (var role in new[] { "read", "write" })
        {
            var recipients = wanted.Where(entry => entry.Value == role && !kept.Contains(entry.Key)).Select(entry => entry.Key).Order(StringComparer.Ordinal).ToList();
            if (recipients.Count > 0)
            {
                unresolved.AddRange(await InviteAsync(id, role, recipients, Operation, cancellationToken).ConfigureAwait(false));
            }
        }

        if (unresolved.Count > 0)
        {
            throw new StorageException(
                ProjectFolderErrorCodes.UserNotFound,
                string.Create(CultureInfo.InvariantCulture, $"The directory does not know {unresolved.Count} of the folder's members; the others were given access."),
                400,
                detail: "Unknown Entra ID object ids: " + string.Join(", ", unresolved.Take(10)));
        }
    }

    /// <summary>Invites users with one role; returns the users the directory does not know.</summary>
    private async Task<List<string>> InviteAsync(FileId id, string role, List<string> recipients, string operation, CancellationToken cancellationToken)
    {
        try
        {
            await SendInviteAsync(id, role, recipients, operation, cancellationToken).ConfigureAwait(false);
            return [];
        }
        catch (StorageException unknown) when (unknown.Code == ProjectFolderErrorCodes.UserNotFound)
        {
            if (recipients.Count == 1)
            {
                return recipients;
            }

            // Graph grants nobody of an invitation that names an unknown user: the others one by one.
            var unresolved = new List<string>();
            foreach (var recipient in recipients)
            {
                try
                {
                    await SendInviteAsync(id, role, [recipient], operation, cancellationToken).ConfigureAwait(false);
                }
                catch (StorageException single) when (single.Code == ProjectFolderErrorCodes.UserNotFound)
                {
                    unresolved.Add(recipient);
                }
            }

            return unresolved;
        }
    }

    private async Task SendInviteAsync(FileId id, string role, List<string> recipients, string operation, CancellationToken cancellationToken)
    {
        var invite = new InviteRequest { Roles = [role], Recipients = [.. recipients.Select(objectId => new InviteRecipient { ObjectId = objectId })] };
        var payload = JsonSerializer.SerializeToUtf8Bytes(invite, GraphJsonContext.Default.InviteRequest);
        await _graph.SendAsync(App, () => OneDriveFileStorage.JsonRequest(HttpMethod.Post, DriveItems.Resolve(_options, DriveItems.ById(_options.DriveId, id) + "/invite"), payload), operation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The folders' permissions in one <c>$batch</c>: null for a folder Graph no longer has.</summary>
    private async Task<Dictionary<FileId, List<GraphPermission>?>> ReadPermissionBatchAsync(FileId[] ids, string operation, CancellationToken cancellationToken)
    {
        var batch = new BatchRequest();
        for (var i = 0; i < ids.Length; i++)
        {
            batch.Requests.Add(new BatchRequestItem { Id = i.ToString(CultureInfo.InvariantCulture), Method = "GET", Url = "/" + DriveItems.ById(_options.DriveId, ids[i]) + "/permissions" });
        }

        var payload = JsonSerializer.SerializeToUtf8Bytes(batch, GraphJsonContext.Default.BatchRequest);
        var response = await _graph.SendJsonAsync(App, () => OneDriveFileStorage.JsonRequest(HttpMethod.Post, new Uri(_options.GraphBaseAddress, "$batch"), payload), GraphJsonContext.Default.BatchResponse, operation, cancellationToken).ConfigureAwait(false);
        var results = new Dictionary<FileId, List<GraphPermission>?>(ids.Length);
        foreach (var answer in response.Responses ?? [])
        {
            if (!int.TryParse(answer.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index < 0 || index >= ids.Length || results.ContainsKey(ids[index]))
            {
                throw Invalid(operation, "a batch with an unknown or repeated request id");
            }

            var page = answer.Status == 200 ? Deserialize(answer.Body) : null;
            if (answer.Status == 404)
            {
                results[ids[index]] = null;
            }
            else if (page is not null && page.NextLink is null)
            {
                results[ids[index]] = page.Value ?? [];
            }
        }

        // Whatever the batch did not answer plainly (throttled, failed, paged) is read on its own, with its waits and errors.
        foreach (var id in ids.Where(id => !results.ContainsKey(id)))
        {
            try
            {
                results[id] = await ReadPermissionsAsync(id, operation, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageException gone) when (gone.Code == StorageErrorCode.NotFound)
            {
                results[id] = null;
            }
        }

        return results;
    }

    private async Task<List<GraphPermission>> ReadPermissionsAsync(FileId id, string operation, CancellationToken cancellationToken)
    {
        var permissions = new List<GraphPermission>();
        var next = DriveItems.Resolve(_options, DriveItems.ById(_options.DriveId, id) + "/permissions");
        while (next is not null)
        {
            var page = await _graph.GetJsonAsync(App, next, GraphJsonContext.Default.PermissionPage, operation, cancellationToken).ConfigureAwait(false);
            permissions.AddRange(page.Value ?? []);
            if (permissions.Count > _options.MaxListingChildren)
            {
                throw Invalid(operation, "more permissions than a listing collects");
            }

            next = NextPage(page.NextLink, operation);
        }

        return permissions;
    }

    private static PermissionPage? Deserialize(JsonElement body)
    {
        try
        {
            return body.ValueKind == JsonValueKind.Object ? body.Deserialize(GraphJsonContext.Default.PermissionPage) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The folder's access list: its own (not inherited) read and write permissions. A user's is a user rule; a group,
    /// site group or sharing link with those roles is an <see cref="FolderAccessTarget.Other"/> rule, so the next change
    /// removes it, as OpenProject removes every read and write permission it did not grant.
    /// </summary>
    private static List<FolderAccessRule> ToRules(List<GraphPermission> permissions)
    {
        var rules = new List<FolderAccessRule>();
        foreach (var permission in permissions.Where(IsManaged))
        {
            var granted = RoleOf(permission) == "write" ? WriteRole : ReadRole;
            var rule = permission.GrantedToV2?.User?.Id is { Length: > 0 } user
                ? FolderAccessRule.ForUser(user, granted)
                : new FolderAccessRule(FolderAccessTarget.Other, permission.Id is { Length: > 0 } id ? id : "permission", granted);
            if (!rules.Contains(rule))
            {
                rules.Add(rule);
            }
        }

        return rules;
    }

    // Owners and what the folder inherits are the library's; read and write permissions of the folder itself are ours.
    private static bool IsManaged(GraphPermission permission) =>
        permission.InheritedFrom is null && permission.Roles is { } roles && !roles.Contains("owner", StringComparer.OrdinalIgnoreCase) && RoleOf(permission) is not null;

    private static string? RoleOf(GraphPermission permission) =>
        permission.Roles is not { } roles ? null
        : roles.Contains("write", StringComparer.OrdinalIgnoreCase) ? "write"
        : roles.Contains("read", StringComparer.OrdinalIgnoreCase) ? "read"
        : null;

    private static string? RoleOf(StoragePermissions granted) =>
        granted == WriteRole ? "write" : granted == ReadRole ? "read" : null;

    private Uri? NextPage(string? link, string operation) =>
        link is null ? null
        : Uri.TryCreate(link, UriKind.Absolute, out var uri) && _graph.IsOwnLink(uri) ? uri
        : throw Invalid(operation, "a next page outside the Graph service");

    private static FileId PlausibleId(string? id, string operation) =>
        id is not null && DriveItems.IsPlausibleId(new FileId(id)) ? new FileId(id) : throw Invalid(operation, "an item without a usable id");

    private static FileId RequirePlausible(FileId id) =>
        DriveItems.IsPlausibleId(id) ? id : throw new StorageException(StorageErrorCode.NotFound, "OneDrive has no item with that id.", 404);

    private static StorageException Invalid(string operation, string what) =>
        new(StorageErrorCode.InvalidResponse, $"Microsoft Graph answered to {operation} with {what}.");
}
