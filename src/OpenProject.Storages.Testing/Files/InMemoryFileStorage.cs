using System.Globalization;
using System.Text;
using OpenProject.Storages.Testing.Internal;

namespace OpenProject.Storages.Testing;

/// <summary>
/// A file storage in memory with every capability: a real tree of folders and files with stable ids,
/// storage accounts that host users connect to, per-user permissions inherited down the tree, and
/// fault injection per operation. Arrange state with the synchronous helpers (<see cref="AddFolder"/>,
/// <see cref="AddFile(StoragePath, byte[], string?, string?)"/>, <see cref="AddUser"/>, <see cref="Grant"/>);
/// exercise it through the storage interfaces. Thread-safe.
/// </summary>
/// <remarks>
/// The technical user (<see cref="StorageActor.TechnicalUser"/>) is always connected and may do
/// everything. A host user must be connected to a storage account with <see cref="Connect"/>, or every
/// operation answers <see cref="StorageErrorCode.Unauthorized"/>.
/// </remarks>
public sealed partial class InMemoryFileStorage : IFileStorage, IFileDownloads, IFileManagement, IFileUploads, IBrowserUploads, IStreamingFolderListing, IPathToIdMapping, IStorageConnectionState
{
    /// <summary>The product name used when none is given.</summary>
    public const string DefaultProductName = "In-memory storage";

    /// <summary>The display name of the technical user, reported as creator of what it creates.</summary>
    public const string TechnicalUserDisplayName = "OpenProject";

    private static readonly Uri BaseUri = new("https://storage.invalid/");

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly StorageNode _root;
    private readonly Dictionary<FileId, StorageNode> _nodes = [];
    private readonly Dictionary<string, string> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<HostUserId, string> _connections = [];
    private readonly int[] _requestCounts = new int[Enum.GetValues<StorageOperation>().Length];
    private long _lastId;
    private int _maxListingEntries = 100_000;

    /// <summary>Creates an empty storage: only the root folder exists, and no host user is connected.</summary>
    /// <param name="id">The host's id of the storage.</param>
    /// <param name="productName">The product name shown to users.</param>
    /// <param name="timeProvider">The clock for item times, link expiry and injected delays; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public InMemoryFileStorage(StorageId id, string productName = DefaultProductName, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(productName);
        Id = id;
        ProductName = productName;
        _time = timeProvider ?? TimeProvider.System;
        Faults = new StorageFaults(id, _time);
        _root = NewNode(StoragePath.Root.Name, StorageItemKind.Folder, parent: null, TechnicalUserDisplayName);
    }

    /// <inheritdoc/>
    public StorageId Id { get; }

    /// <inheritdoc/>
    public string ProductName { get; }

    /// <summary>
    /// The most children <see cref="ListFolderAsync"/> returns (default 100,000, as the Nextcloud provider's
    /// <c>MaxListingEntries</c>); a larger folder is refused as <see cref="StorageErrorCode.InvalidResponse"/> and is read with
    /// <see cref="EnumerateFolderAsync"/>. Lower it to test how a host handles a folder too large to list.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to less than 1.</exception>
    public int MaxListingEntries
    {
        get => Volatile.Read(ref _maxListingEntries);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            Volatile.Write(ref _maxListingEntries, value);
        }
    }

    /// <summary>The faults the next requests will meet; see <see cref="StorageFaults.Inject(StorageOperation, StorageFault, int)"/>.</summary>
    public StorageFaults Faults { get; }

    /// <summary>Adds a storage account (or renames an existing one) and grants it permissions on the root folder.</summary>
    /// <param name="storageUserId">The account's id in the storage.</param>
    /// <param name="displayName">The name shown as creator and modifier; the id when <see langword="null"/>.</param>
    /// <param name="rootPermissions">What the account may do everywhere, unless a <see cref="Grant"/> lower in the tree says otherwise.</param>
    public void AddUser(string storageUserId, string? displayName = null, StoragePermissions rootPermissions = StoragePermissions.All)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(storageUserId);
        lock (_gate)
        {
            _accounts[storageUserId] = displayName ?? storageUserId;
            _root.Grants[storageUserId] = rootPermissions;
        }
    }

    /// <summary>Connects a host user to a storage account, as logging in through OAuth would.</summary>
    /// <param name="user">The host user.</param>
    /// <param name="storageUserId">An account added with <see cref="AddUser"/>.</param>
    /// <exception cref="ArgumentException">There is no such account.</exception>
    public void Connect(HostUserId user, string storageUserId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(storageUserId);
        lock (_gate)
        {
            if (!_accounts.ContainsKey(storageUserId))
            {
                throw new ArgumentException($"There is no storage account '{storageUserId}'. Add it with {nameof(AddUser)} first.", nameof(storageUserId));
            }

            _connections[user] = storageUserId;
        }
    }

    /// <summary>Disconnects a host user: their next operations answer <see cref="StorageErrorCode.Unauthorized"/>.</summary>
    /// <param name="user">The host user.</param>
    public void Disconnect(HostUserId user)
    {
        lock (_gate)
        {
            _connections.Remove(user);
        }
    }

    /// <summary>
    /// Whether a host user is connected (by <see cref="Connect"/>, until <see cref="Disconnect"/>), as a host's settings page shows it;
    /// asks nothing of the storage's faults or permissions.
    /// </summary>
    /// <param name="user">The host user.</param>
    /// <returns><see langword="true"/> when the user's operations run as a storage account.</returns>
    public bool IsConnected(HostUserId user)
    {
        lock (_gate)
        {
            return _connections.ContainsKey(user);
        }
    }

    /// <inheritdoc/>
    /// <remarks>Counted as <see cref="StorageOperation.GetConnectionState"/>, which may be faulted like any operation.</remarks>
    public async Task<StorageConnectionState> GetConnectionStateAsync(HostUserId user, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _requestCounts[(int)StorageOperation.GetConnectionState]);
        await Faults.ApplyAsync(StorageOperation.GetConnectionState, cancellationToken).ConfigureAwait(false);
        return IsConnected(user) ? StorageConnectionState.Ready : StorageConnectionState.LoginRequired;
    }

    /// <summary>
    /// Sets what an account may do with an item and, unless they have their own grant, everything below it.
    /// <see cref="StoragePermissions.None"/> hides the item. Grants stay with the item when it is renamed or moved.
    /// </summary>
    /// <param name="storageUserId">The account.</param>
    /// <param name="path">The file or folder.</param>
    /// <param name="permissions">The permissions.</param>
    /// <exception cref="ArgumentException">There is no item at <paramref name="path"/>.</exception>
    public void Grant(string storageUserId, StoragePath path, StoragePermissions permissions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(storageUserId);
        lock (_gate)
        {
            ExistingNode(path).Grants[storageUserId] = permissions;
        }
    }

    /// <summary>Hides an item, and everything below it without its own grant, from an account.</summary>
    /// <param name="storageUserId">The account.</param>
    /// <param name="path">The file or folder.</param>
    /// <exception cref="ArgumentException">There is no item at <paramref name="path"/>.</exception>
    public void Deny(string storageUserId, StoragePath path) => Grant(storageUserId, path, StoragePermissions.None);

    /// <summary>What an account may do with an item, after inheritance.</summary>
    /// <param name="storageUserId">The account.</param>
    /// <param name="path">The file or folder.</param>
    /// <returns>The effective permissions.</returns>
    /// <exception cref="ArgumentException">There is no item at <paramref name="path"/>.</exception>
    public StoragePermissions EffectivePermissions(string storageUserId, StoragePath path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(storageUserId);
        lock (_gate)
        {
            return PermissionsOf(storageUserId, ExistingNode(path));
        }
    }

    /// <summary>Adds a folder, and any missing folder above it; an existing folder is returned as it is.</summary>
    /// <param name="path">The folder's path.</param>
    /// <param name="createdBy">The creator's display name; <see cref="TechnicalUserDisplayName"/> when <see langword="null"/>.</param>
    /// <returns>The folder as the technical user sees it.</returns>
    /// <exception cref="ArgumentException">A file is in the way.</exception>
    public StorageItem AddFolder(StoragePath path, string? createdBy = null)
    {
        lock (_gate)
        {
            return ToItem(EnsureFolder(path, createdBy ?? TechnicalUserDisplayName), StoragePermissions.All);
        }
    }

    /// <summary>Adds a file, and any missing folder above it.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="content">The content; copied.</param>
    /// <param name="mimeType">The MIME type; guessed from the extension when <see langword="null"/>.</param>
    /// <param name="createdBy">The creator's display name; <see cref="TechnicalUserDisplayName"/> when <see langword="null"/>.</param>
    /// <returns>The file as the technical user sees it, with its id.</returns>
    /// <exception cref="ArgumentException">The path is the root, an item exists there, or a file is in the way.</exception>
    public StorageItem AddFile(StoragePath path, byte[] content, string? mimeType = null, string? createdBy = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (path.IsRoot)
        {
            throw new ArgumentException("The root folder cannot be a file.", nameof(path));
        }

        lock (_gate)
        {
            var creator = createdBy ?? TechnicalUserDisplayName;
            var parent = EnsureFolder(path.Parent, creator);
            if (parent.Children.ContainsKey(path.Name))
            {
                throw new ArgumentException($"An item already exists at '{path}'.", nameof(path));
            }

            var file = NewNode(path.Name, StorageItemKind.File, parent, creator);
            file.Content = content.ToArray();
            file.MimeType = mimeType ?? MimeTypes.Guess(path.Name);
            return ToItem(file, StoragePermissions.All);
        }
    }

    /// <summary>Adds a text file (UTF-8), and any missing folder above it.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="content">The text.</param>
    /// <param name="mimeType">The MIME type; guessed from the extension when <see langword="null"/>.</param>
    /// <param name="createdBy">The creator's display name; <see cref="TechnicalUserDisplayName"/> when <see langword="null"/>.</param>
    /// <returns>The file as the technical user sees it, with its id.</returns>
    /// <exception cref="ArgumentException">The path is the root, an item exists there, or a file is in the way.</exception>
    public StorageItem AddFile(StoragePath path, string content, string? mimeType = null, string? createdBy = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        return AddFile(path, Encoding.UTF8.GetBytes(content), mimeType, createdBy);
    }

    /// <summary>Removes an item and everything in it, as if someone deleted it in the storage.</summary>
    /// <param name="path">The item.</param>
    /// <exception cref="ArgumentException">There is no item at <paramref name="path"/>, or it is the root.</exception>
    public void Remove(StoragePath path)
    {
        lock (_gate)
        {
            var node = ExistingNode(path);
            if (node.Parent is null)
            {
                throw new ArgumentException("The root folder cannot be removed.", nameof(path));
            }

            Detach(node);
        }
    }

    /// <summary>Removes an item and everything in it, as if someone deleted it in the storage.</summary>
    /// <param name="id">The item's id.</param>
    /// <exception cref="ArgumentException">There is no such item, or it is the root.</exception>
    public void Remove(FileId id)
    {
        lock (_gate)
        {
            if (!_nodes.TryGetValue(id, out var node) || node.Parent is null)
            {
                throw new ArgumentException($"There is no removable item with the id '{id}'.", nameof(id));
            }

            Detach(node);
        }
    }

    /// <summary>The item at a path as the technical user sees it, for assertions.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The item, or <see langword="null"/> when there is none.</returns>
    public StorageItem? Find(StoragePath path)
    {
        lock (_gate)
        {
            return NodeAt(path) is { } node ? ToItem(node, StoragePermissions.All) : null;
        }
    }

    /// <summary>The item with an id as the technical user sees it, for assertions.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The item, or <see langword="null"/> when there is none.</returns>
    public StorageItem? Find(FileId id)
    {
        lock (_gate)
        {
            return _nodes.TryGetValue(id, out var node) ? ToItem(node, StoragePermissions.All) : null;
        }
    }

    /// <summary>A copy of a file's content, for assertions.</summary>
    /// <param name="id">The file's id.</param>
    /// <returns>The content.</returns>
    /// <exception cref="ArgumentException">There is no file with that id.</exception>
    public byte[] GetContent(FileId id)
    {
        lock (_gate)
        {
            if (!_nodes.TryGetValue(id, out var node) || node.IsFolder)
            {
                throw new ArgumentException($"There is no file with the id '{id}'.", nameof(id));
            }

            return node.Content.ToArray();
        }
    }

    /// <summary>How many requests of an operation the storage received, faulted ones included.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The count since creation or <see cref="ResetRequestCounts"/>.</returns>
    public int RequestCount(StorageOperation operation) => Volatile.Read(ref _requestCounts[(int)operation]);

    /// <summary>Sets every request count back to zero.</summary>
    public void ResetRequestCounts()
    {
        for (var i = 0; i < _requestCounts.Length; i++)
        {
            Interlocked.Exchange(ref _requestCounts[i], 0);
        }
    }

    private StorageNode NewNode(string name, StorageItemKind kind, StorageNode? parent, string creator)
    {
        var id = new FileId((++_lastId).ToString(CultureInfo.InvariantCulture));
        var now = _time.GetUtcNow();
        var node = new StorageNode(id, name, kind)
        {
            Parent = parent,
            MimeType = kind == StorageItemKind.Folder ? StorageItem.FolderMimeType : null,
            CreatedAt = now,
            LastModifiedAt = now,
            CreatedByName = creator,
            LastModifiedByName = creator,
        };
        parent?.Children.Add(name, node);
        _nodes.Add(id, node);
        return node;
    }

    private StorageNode EnsureFolder(StoragePath path, string creator)
    {
        var node = _root;
        foreach (var segment in path.Segments)
        {
            if (!node.Children.TryGetValue(segment, out var child))
            {
                child = NewNode(segment, StorageItemKind.Folder, node, creator);
            }
            else if (!child.IsFolder)
            {
                throw new ArgumentException($"'{child.Path}' is a file, not a folder.", nameof(path));
            }

            node = child;
        }

        return node;
    }

    private StorageNode? NodeAt(StoragePath path)
    {
        var node = _root;
        foreach (var segment in path.Segments)
        {
            if (!node.Children.TryGetValue(segment, out var child))
            {
                return null;
            }

            node = child;
        }

        return node;
    }

    private StorageNode ExistingNode(StoragePath path) =>
        NodeAt(path) ?? throw new ArgumentException($"There is no item at '{path}'.", nameof(path));

    private void Detach(StorageNode node)
    {
        node.Parent!.Children.Remove(node.Name);
        foreach (var removed in node.SelfAndDescendants())
        {
            _nodes.Remove(removed.Id);
        }
    }

    private static StoragePermissions PermissionsOf(string storageUserId, StorageNode node)
    {
        for (StorageNode? current = node; current is not null; current = current.Parent)
        {
            if (current.Grants.TryGetValue(storageUserId, out var permissions))
            {
                return permissions;
            }
        }

        return StoragePermissions.None;
    }

    private static StorageItem ToItem(StorageNode node, StoragePermissions permissions) => new()
    {
        Id = node.Id,
        Name = node.Parent is null ? "Root" : node.Name,
        Location = node.Path,
        Kind = node.Kind,
        MimeType = node.IsFolder ? StorageItem.FolderMimeType : node.MimeType,
        Size = node.Size,
        CreatedAt = node.CreatedAt,
        LastModifiedAt = node.LastModifiedAt,
        CreatedByName = node.CreatedByName,
        LastModifiedByName = node.LastModifiedByName,
        Permissions = permissions,
    };
}
