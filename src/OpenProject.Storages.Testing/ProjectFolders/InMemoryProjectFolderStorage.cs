using System.Globalization;
using OpenProject.Storages.ProjectFolders;

namespace OpenProject.Storages.Testing;

/// <summary>
/// A team folder in memory for project folder sync: a root with its access list, folders under it
/// with theirs, storage users and groups. It behaves as a Nextcloud team folder does, quirks included:
/// <list type="bullet">
/// <item>when the technical user may not manage access lists (<see cref="CanManageAccessRules"/> is
/// <see langword="false"/>), an access list change answers success and stores nothing;</item>
/// <item>rules for users that do not exist are accepted and stored;</item>
/// <item>group changes fail with <see cref="ProjectFolderErrorCodes.GroupNotFound"/>,
/// <see cref="ProjectFolderErrorCodes.UserNotFound"/> or <see cref="ProjectFolderErrorCodes.InsufficientPrivileges"/>
/// as the provisioning API does; removing a user who is not a member succeeds;</item>
/// <item>rules are read back in an order of the storage's own, not the order written.</item>
/// </list>
/// Every request is counted, so a test can assert that a run with nothing to change writes nothing.
/// Thread-safe.
/// </summary>
public sealed class InMemoryProjectFolderStorage : IProjectFolderStorage, IProjectFolderGroups
{
    private static readonly ProjectFolderOperation[] WriteOperations =
    [
        ProjectFolderOperation.CreateFolder, ProjectFolderOperation.RenameFolder, ProjectFolderOperation.SetAccessRules,
        ProjectFolderOperation.AddGroupMember, ProjectFolderOperation.RemoveGroupMember,
    ];

    private readonly Lock _gate = new();
    private readonly Dictionary<FileId, Folder> _folders = [];
    private readonly HashSet<string> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _groups = new(StringComparer.Ordinal);
    private readonly HashSet<string> _managedGroups = new(StringComparer.Ordinal);
    private readonly int[] _requestCounts = new int[Enum.GetValues<ProjectFolderOperation>().Length];
    private List<FolderAccessRule> _rootRules = [];
    private long _lastId;
    private bool _canManageAccessRules = true;

    /// <summary>
    /// Creates an empty team folder: the technical user exists and is a member and sub-admin of the
    /// group; the root has no rules yet.
    /// </summary>
    /// <param name="technicalUserId">The technical user.</param>
    /// <param name="groupId">The group the team folder is assigned to.</param>
    /// <param name="timeProvider">The clock for injected delays; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public InMemoryProjectFolderStorage(string technicalUserId = "OpenProject", string groupId = "OpenProject", TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(technicalUserId);
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        TechnicalUserId = technicalUserId;
        RootId = NextId();
        Faults = new ProjectFolderFaults($"team folder of {technicalUserId}", timeProvider ?? TimeProvider.System);
        _users.Add(technicalUserId);
        AddGroup(groupId);
        AddToGroup(groupId, technicalUserId);
    }

    /// <summary>The technical user.</summary>
    public string TechnicalUserId { get; }

    /// <summary>The root's id.</summary>
    public FileId RootId { get; }

    /// <summary>The faults the next requests will meet.</summary>
    public ProjectFolderFaults Faults { get; }

    /// <summary>
    /// Whether the technical user may manage access lists (Nextcloud: it is an ACL manager of the team
    /// folder). When <see langword="false"/>, access list changes answer success and store nothing.
    /// </summary>
    public bool CanManageAccessRules
    {
        get
        {
            lock (_gate)
            {
                return _canManageAccessRules;
            }
        }

        set
        {
            lock (_gate)
            {
                _canManageAccessRules = value;
            }
        }
    }

    /// <summary>The rules set on the root.</summary>
    public IReadOnlyList<FolderAccessRule> RootAccessRules
    {
        get
        {
            lock (_gate)
            {
                return [.. _rootRules];
            }
        }
    }

    /// <summary>The folders under the root, by name.</summary>
    public IReadOnlyList<ProjectFolderEntry> Folders
    {
        get
        {
            lock (_gate)
            {
                return [.. _folders.Select(pair => Entry(pair.Key, pair.Value)).OrderBy(entry => entry.Name, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>How many writing requests (create, rename, access list change, group change) were received since the last reset, failed ones included.</summary>
    public int WriteRequestCount
    {
        get
        {
            lock (_gate)
            {
                return WriteOperations.Sum(operation => _requestCounts[(int)operation]);
            }
        }
    }

    /// <summary>Adds a storage user.</summary>
    /// <param name="userId">The user id.</param>
    public void AddUser(string userId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        lock (_gate)
        {
            _users.Add(userId);
        }
    }

    /// <summary>Deletes a storage user and their group memberships (their rules stay, as they do in Nextcloud).</summary>
    /// <param name="userId">The user id.</param>
    public void RemoveUser(string userId)
    {
        lock (_gate)
        {
            _users.Remove(userId);
            foreach (var members in _groups.Values)
            {
                members.Remove(userId);
            }
        }
    }

    /// <summary>Adds a group.</summary>
    /// <param name="groupId">The group id.</param>
    /// <param name="technicalUserIsSubAdmin">Whether the technical user may add and remove its members.</param>
    public void AddGroup(string groupId, bool technicalUserIsSubAdmin = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        lock (_gate)
        {
            _groups.TryAdd(groupId, new HashSet<string>(StringComparer.Ordinal));
            if (technicalUserIsSubAdmin)
            {
                _managedGroups.Add(groupId);
            }
            else
            {
                _managedGroups.Remove(groupId);
            }
        }
    }

    /// <summary>Deletes a group.</summary>
    /// <param name="groupId">The group id.</param>
    public void RemoveGroup(string groupId)
    {
        lock (_gate)
        {
            _groups.Remove(groupId);
            _managedGroups.Remove(groupId);
        }
    }

    /// <summary>Puts a user in a group directly, as an administrator would.</summary>
    /// <param name="groupId">An existing group.</param>
    /// <param name="userId">An existing user.</param>
    /// <exception cref="ArgumentException">The group or the user does not exist.</exception>
    public void AddToGroup(string groupId, string userId)
    {
        lock (_gate)
        {
            if (!_groups.TryGetValue(groupId, out var members) || !_users.Contains(userId))
            {
                throw new ArgumentException($"Group '{groupId}' or user '{userId}' does not exist.", nameof(groupId));
            }

            members.Add(userId);
        }
    }

    /// <summary>The members of a group.</summary>
    /// <param name="groupId">The group.</param>
    /// <returns>Their ids, sorted; empty when the group does not exist.</returns>
    public IReadOnlyList<string> MembersOf(string groupId)
    {
        lock (_gate)
        {
            return _groups.TryGetValue(groupId, out var members) ? [.. members.Order(StringComparer.Ordinal)] : [];
        }
    }

    /// <summary>Adds a folder under the root directly, as a person in the storage would.</summary>
    /// <param name="name">The name.</param>
    /// <param name="rules">Its rules.</param>
    /// <returns>The folder with its new id.</returns>
    /// <exception cref="ArgumentException">The name is invalid or taken.</exception>
    public ProjectFolderEntry AddFolder(string name, params IEnumerable<FolderAccessRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        lock (_gate)
        {
            if (!StoragePath.IsValidName(name) || NameTaken(name))
            {
                throw new ArgumentException($"'{name}' is not a valid or free folder name.", nameof(name));
            }

            var id = NextId();
            _folders.Add(id, new Folder(name, [.. rules]));
            return Entry(id, _folders[id]);
        }
    }

    /// <summary>Deletes a folder directly, as a person in the storage would.</summary>
    /// <param name="folderId">The folder.</param>
    public void RemoveFolder(FileId folderId)
    {
        lock (_gate)
        {
            _folders.Remove(folderId);
        }
    }

    /// <summary>Sets a folder's rules (or the root's) directly, as an administrator would.</summary>
    /// <param name="folderId">The folder or <see cref="RootId"/>.</param>
    /// <param name="rules">The rules.</param>
    /// <exception cref="ArgumentException">There is no such folder.</exception>
    public void ReplaceRules(FileId folderId, params IEnumerable<FolderAccessRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        lock (_gate)
        {
            if (folderId == RootId)
            {
                _rootRules = [.. rules];
            }
            else if (_folders.TryGetValue(folderId, out var folder))
            {
                folder.Rules = [.. rules];
            }
            else
            {
                throw new ArgumentException($"There is no folder {folderId}.", nameof(folderId));
            }
        }
    }

    /// <summary>Finds a folder under the root by id.</summary>
    /// <param name="folderId">The id.</param>
    /// <returns>The folder, or <see langword="null"/>.</returns>
    public ProjectFolderEntry? FindFolder(FileId folderId)
    {
        lock (_gate)
        {
            return _folders.TryGetValue(folderId, out var folder) ? Entry(folderId, folder) : null;
        }
    }

    /// <summary>Finds a folder under the root by name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The folder, or <see langword="null"/>.</returns>
    public ProjectFolderEntry? FindFolder(string name)
    {
        lock (_gate)
        {
            return _folders.Where(pair => pair.Value.Name == name).Select(pair => Entry(pair.Key, pair.Value)).FirstOrDefault();
        }
    }

    /// <summary>How many requests of an operation were received since the last reset, failed ones included.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The count.</returns>
    public int RequestCount(ProjectFolderOperation operation)
    {
        lock (_gate)
        {
            return _requestCounts[(int)operation];
        }
    }

    /// <summary>Sets every request count to zero.</summary>
    public void ResetRequestCounts()
    {
        lock (_gate)
        {
            Array.Clear(_requestCounts);
        }
    }

    /// <inheritdoc/>
    public async Task<ManagedRootState> ReadManagedRootAsync(CancellationToken cancellationToken = default)
    {
        await BeginAsync(ProjectFolderOperation.ReadManagedRoot, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            return new ManagedRootState
            {
                RootId = RootId,
                RootAccessRules = StorageOrder(_rootRules),
                Folders = [.. _folders.Select(pair => Entry(pair.Key, pair.Value))],
            };
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<FolderAccessRule>> GetAccessRulesAsync(FileId folderId, StoragePath folder, CancellationToken cancellationToken = default)
    {
        await BeginAsync(ProjectFolderOperation.GetAccessRules, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            return StorageOrder(RulesAt(folderId, folder));
        }
    }

    /// <inheritdoc/>
    public async Task<ProjectFolderEntry> CreateFolderAsync(string name, CancellationToken cancellationToken = default)
    {
        await BeginAsync(ProjectFolderOperation.CreateFolder, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (!StoragePath.IsValidName(name) || name.Contains('\\', StringComparison.Ordinal))
            {
                throw new StorageException(StorageErrorCode.InvalidRequest, $"'{name}' is not a valid folder name.", httpStatus: 400);
            }

            if (NameTaken(name))
            {
                throw new StorageException(StorageErrorCode.Conflict, $"A folder named '{name}' already exists.", httpStatus: 405, detail: "The resource you tried to create already exists");
            }

            var id = NextId();
            _folders.Add(id, new Folder(name, []));
            return Entry(id, _folders[id]);
        }
    }

    /// <inheritdoc/>
    public async Task RenameFolderAsync(FileId folderId, string currentName, string newName, CancellationToken cancellationToken = default)
    {
        await BeginAsync(ProjectFolderOperation.RenameFolder, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            var folder = FolderAt(folderId, currentName);
            if (!StoragePath.IsValidName(newName) || newName.Contains('\\', StringComparison.Ordinal))
            {
                throw new StorageException(StorageErrorCode.InvalidRequest, $"'{newName}' is not a valid folder name.", httpStatus: 400);
            }

            if (NameTaken(newName))
            {
                throw new StorageException(StorageErrorCode.Conflict, $"A folder named '{newName}' already exists.", httpStatus: 412, detail: "An item already exists at the destination and Overwrite is F.");
            }

            folder.Name = newName;
        }
    }

    /// <inheritdoc/>
    public async Task SetAccessRulesAsync(FileId folderId, StoragePath folder, IReadOnlyList<FolderAccessRule> rules, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        await BeginAsync(ProjectFolderOperation.SetAccessRules, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _ = RulesAt(folderId, folder);
            if (!_canManageAccessRules)
            {
                // Nextcloud answers 207 with 200 OK for nc:acl-list and stores nothing.
                return;
            }

            if (folderId == RootId)
            {
                _rootRules = [.. rules];
            }
            else
            {
                _folders[folderId].Rules = [.. rules];
            }
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<string>> GetGroupMembersAsync(string groupId, CancellationToken cancellationToken = default)
    {
        await BeginAsync(ProjectFolderOperation.GetGroupMembers, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            return [.. Group(groupId).Order(StringComparer.Ordinal)];
        }
    }

    /// <inheritdoc/>
    public async Task AddGroupMemberAsync(string groupId, string userId, CancellationToken cancellationToken = default)
    {
        await BeginAsync(ProjectFolderOperation.AddGroupMember, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            ManagedGroup(groupId, userId).Add(userId);
        }
    }

    /// <inheritdoc/>
    public async Task RemoveGroupMemberAsync(string groupId, string userId, CancellationToken cancellationToken = default)
    {
        await BeginAsync(ProjectFolderOperation.RemoveGroupMember, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            var members = ManagedGroup(groupId, userId);
            if (string.Equals(userId, TechnicalUserId, StringComparison.Ordinal))
            {
                throw new StorageException(ProjectFolderErrorCodes.GroupMembershipRefused, $"The technical user cannot remove itself from group '{groupId}'.", httpStatus: 200, detail: "Not viable to remove user from the last group you are SubAdmin of");
            }

            members.Remove(userId);
        }
    }

    private static IReadOnlyList<FolderAccessRule> StorageOrder(List<FolderAccessRule> rules) =>
        [.. rules.OrderBy(rule => rule.Target).ThenBy(rule => rule.TargetId, StringComparer.Ordinal)];

    private async Task BeginAsync(ProjectFolderOperation operation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _requestCounts[(int)operation]++;
        }

        await Faults.ApplyAsync(operation, cancellationToken).ConfigureAwait(false);
    }

    private HashSet<string> Group(string groupId) =>
        _groups.TryGetValue(groupId, out var members)
            ? members
            : throw new StorageException(ProjectFolderErrorCodes.GroupNotFound, $"Group '{groupId}' does not exist.", httpStatus: 200, detail: "The requested group could not be found");

    private HashSet<string> ManagedGroup(string groupId, string userId)
    {
        var members = Group(groupId);
        if (!_users.Contains(userId))
        {
            throw new StorageException(ProjectFolderErrorCodes.UserNotFound, $"User '{userId}' does not exist.", httpStatus: 200);
        }

        if (!_managedGroups.Contains(groupId))
        {
            throw new StorageException(ProjectFolderErrorCodes.InsufficientPrivileges, $"The technical user may not manage group '{groupId}'.", httpStatus: 200);
        }

        return members;
    }

    private List<FolderAccessRule> RulesAt(FileId folderId, StoragePath path)
    {
        if (folderId == RootId && path.IsRoot)
        {
            return _rootRules;
        }

        return path.Segments.Count == 1 ? FolderAt(folderId, path.Name).Rules : throw NotFound(path.ToString());
    }

    private Folder FolderAt(FileId folderId, string name) =>
        _folders.TryGetValue(folderId, out var folder) && folder.Name == name ? folder : throw NotFound(name);

    private static StorageException NotFound(string name) =>
        new(StorageErrorCode.NotFound, $"There is no folder '{name}' under the team folder root.", httpStatus: 404);

    private bool NameTaken(string name) => _folders.Values.Any(folder => folder.Name == name);

    private FileId NextId() => new(Interlocked.Increment(ref _lastId).ToString(CultureInfo.InvariantCulture));

    private static ProjectFolderEntry Entry(FileId id, Folder folder) =>
        new() { Id = id, Name = folder.Name, AccessRules = StorageOrder(folder.Rules) };

    private sealed class Folder(string name, List<FolderAccessRule> rules)
    {
        public string Name { get; set; } = name;

        public List<FolderAccessRule> Rules { get; set; } = rules;
    }
}
