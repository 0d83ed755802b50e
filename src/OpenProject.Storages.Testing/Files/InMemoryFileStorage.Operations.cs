using System.Globalization;
using System.Runtime.CompilerServices;
using OpenProject.Storages.Testing.Internal;

namespace OpenProject.Storages.Testing;

/// <content>The storage interfaces: every request is counted, meets its injected fault, then authenticates.</content>
public sealed partial class InMemoryFileStorage
{
    private static readonly TimeSpan UploadLinkLifetime = TimeSpan.FromHours(1);

    /// <inheritdoc/>
    /// <remarks>A folder with more readable children than <see cref="MaxListingEntries"/> is refused as <see cref="StorageErrorCode.InvalidResponse"/>, as a provider refuses an answer too large to hold.</remarks>
    public Task<FolderListing> ListFolderAsync(StorageActor actor, StoragePath folder, CancellationToken cancellationToken = default) =>
        RunAsync(StorageOperation.ListFolder, actor, account =>
        {
            var (node, permissions) = ReadableFolder(account, folder);
            var children = ReadableChildren(account, node).ToArray();
            if (children.Length > MaxListingEntries)
            {
                throw new StorageException(
                    StorageErrorCode.InvalidResponse,
                    $"The folder '{folder}' has more than {MaxListingEntries.ToString("N0", CultureInfo.InvariantCulture)} entries, the most a listing collects ({nameof(InMemoryFileStorage)}.{nameof(MaxListingEntries)}). Read it one entry at a time with {nameof(IStreamingFolderListing)}.{nameof(EnumerateFolderAsync)}.");
            }

            return new FolderListing { Folder = ToItem(node, permissions), Children = children, Ancestors = node.Path.Ancestors };
        }, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>
    /// The children are read when the enumeration starts (one request: counted, faults applied, as
    /// <see cref="StorageOperation.EnumerateFolder"/>), folders first then by name, and handed out one at a time;
    /// <see cref="MaxListingEntries"/> does not apply.
    /// </remarks>
    public async IAsyncEnumerable<StorageItem> EnumerateFolderAsync(StorageActor actor, StoragePath folder, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var children = await RunAsync(StorageOperation.EnumerateFolder, actor, account => ReadableChildren(account, ReadableFolder(account, folder).Node).ToArray(), cancellationToken).ConfigureAwait(false);
        foreach (var child in children)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return child;
        }
    }

    /// <inheritdoc/>
    /// <remarks>Only what the actor may read is mapped, as a provider sees only that.</remarks>
    public Task<IReadOnlyDictionary<StoragePath, FileId>> GetPathToIdMapAsync(StorageActor actor, StoragePath folder, PathMapDepth depth = PathMapDepth.Children, CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyDictionary<StoragePath, FileId>>(StorageOperation.GetPathToIdMap, actor, account =>
        {
            var (node, _) = ReadableFolder(account, folder);
            var map = new Dictionary<StoragePath, FileId> { [node.Path] = node.Id };
            var pending = new Queue<StorageNode>();
            if (depth != PathMapDepth.Self)
            {
                pending.Enqueue(node);
            }

            while (pending.TryDequeue(out var current))
            {
                foreach (var child in ReadableChildren(account, current))
                {
                    map[child.Location] = child.Id;
                    if (depth == PathMapDepth.All && child.IsFolder)
                    {
                        pending.Enqueue(current.Children[child.Name]);
                    }
                }
            }

            return map;
        }, cancellationToken);

    /// <inheritdoc/>
    public Task<StorageItem> GetFileInfoAsync(StorageActor actor, FileId fileId, CancellationToken cancellationToken = default) =>
        RunAsync(StorageOperation.GetFileInfo, actor, account =>
        {
            var node = NodeWithId(fileId);
            return ToItem(node, RequireRead(account, node));
        }, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyDictionary<FileId, FileInfoResult>> GetFileInfosAsync(StorageActor actor, IReadOnlyCollection<FileId> fileIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileIds);
        return RunAsync<IReadOnlyDictionary<FileId, FileInfoResult>>(StorageOperation.GetFileInfos, actor, account =>
        {
            var results = new Dictionary<FileId, FileInfoResult>();
            foreach (var id in fileIds)
            {
                if (results.ContainsKey(id))
                {
                    continue;
                }

                if (!_nodes.TryGetValue(id, out var node))
                {
                    results.Add(id, FileInfoResult.NotFound(id));
                    continue;
                }

                var permissions = PermissionsOf(account, node);
                results.Add(id, permissions.HasFlag(StoragePermissions.Read)
                    ? FileInfoResult.Found(ToItem(node, permissions))
                    : FileInfoResult.Forbidden(id));
            }

            return results;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Uri GetOpenLink(FileId fileId, OpenLinkTarget target)
    {
        var openFile = target == OpenLinkTarget.File ? "1" : "0";
        return new Uri(BaseUri, $"{Uri.EscapeDataString(Id.Value)}/f/{Uri.EscapeDataString(fileId.Value)}?openfile={openFile}");
    }

    /// <inheritdoc/>
    public Task<Uri> GetDownloadLinkAsync(StorageActor actor, FileId fileId, CancellationToken cancellationToken = default) =>
        RunAsync(StorageOperation.GetDownloadLink, actor, account =>
        {
            var node = ReadableFile(account, fileId);
            return new Uri(BaseUri, $"{Uri.EscapeDataString(Id.Value)}/download/{Uri.EscapeDataString(node.Id.Value)}?token={NewToken()}");
        }, cancellationToken);

    /// <inheritdoc/>
    public Task<Stream> OpenReadAsync(StorageActor actor, FileId fileId, CancellationToken cancellationToken = default) =>
        RunAsync<Stream>(StorageOperation.OpenRead, actor, account =>
            new MemoryStream(ReadableFile(account, fileId).Content.ToArray(), writable: false), cancellationToken);

    /// <inheritdoc/>
    public Task<StorageItem> CreateFolderAsync(StorageActor actor, StoragePath parent, string name, CancellationToken cancellationToken = default)
    {
        RequireValidName(name, nameof(name));
        return RunAsync(StorageOperation.CreateFolder, actor, account =>
        {
            var parentNode = WritableFolder(account, parent, StoragePermissions.Create);
            if (parentNode.Children.ContainsKey(name))
            {
                throw Conflict($"An item named '{name}' already exists in '{parent}'.");
            }

            var folder = NewNode(name, StorageItemKind.Folder, parentNode, account.DisplayName);
            return ToItem(folder, PermissionsOf(account, folder));
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<StorageItem> MoveAsync(StorageActor actor, StoragePath source, StoragePath destination, CancellationToken cancellationToken = default) =>
        RunAsync(StorageOperation.Move, actor, account =>
        {
            if (source.IsRoot || destination.IsRoot)
            {
                throw InvalidRequest("The root folder cannot be moved, nor replaced.");
            }

            var node = NodeAt(source) ?? throw NotFound($"There is no item at '{source}'.");
            RequirePermission(account, node, StoragePermissions.Write, $"You may not rename or move '{source}'.");
            var target = WritableFolder(account, destination.Parent, node.Parent == NodeAt(destination.Parent) ? StoragePermissions.Read : StoragePermissions.Create);
            if (target.Children.ContainsKey(destination.Name))
            {
                throw Conflict($"An item already exists at '{destination}'; it is not overwritten.", httpStatus: 412);
            }

            if (target.IsSameOrBelow(node))
            {
                throw InvalidRequest($"'{source}' cannot be moved into itself.");
            }

            node.Parent!.Children.Remove(node.Name);
            node.Name = destination.Name;
            node.Parent = target;
            target.Children.Add(node.Name, node);
            return ToItem(node, PermissionsOf(account, node));
        }, cancellationToken);

    /// <inheritdoc/>
    public Task DeleteAsync(StorageActor actor, StoragePath path, CancellationToken cancellationToken = default) =>
        RunAsync(StorageOperation.Delete, actor, account =>
        {
            if (path.IsRoot)
            {
                throw InvalidRequest("The root folder cannot be deleted.");
            }

            var node = NodeAt(path) ?? throw NotFound($"There is no item at '{path}'.");
            RequirePermission(account, node, StoragePermissions.Delete, $"You may not delete '{path}'.");
            Detach(node);
            return true;
        }, cancellationToken);

    /// <inheritdoc/>
    public async Task<StorageItem> UploadAsync(StorageActor actor, StoragePath folder, string fileName, Stream content, NameConflictPolicy conflictPolicy = NameConflictPolicy.Fail, CancellationToken cancellationToken = default)
    {
        RequireValidName(fileName, nameof(fileName));
        ArgumentNullException.ThrowIfNull(content);
        await BeginAsync(StorageOperation.Upload, actor, cancellationToken).ConfigureAwait(false);

        // The body is read completely before anything is stored, so a cancelled or failed read leaves nothing behind.
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();

        lock (_gate)
        {
            var account = Authenticate(actor);
            var folderNode = NodeAt(folder) is { IsFolder: true } found ? found : throw NotFound($"The folder '{folder}' does not exist.");
            RequireRead(account, folderNode);
            var name = fileName;
            if (folderNode.Children.TryGetValue(fileName, out var existing))
            {
                switch (conflictPolicy)
                {
                    case NameConflictPolicy.Overwrite when !existing.IsFolder:
                        RequirePermission(account, existing, StoragePermissions.Write, $"You may not change '{existing.Path}'.");
                        existing.Content = buffer.ToArray();
                        existing.LastModifiedAt = _time.GetUtcNow();
                        existing.LastModifiedByName = account.DisplayName;
                        return ToItem(existing, PermissionsOf(account, existing));
                    case NameConflictPolicy.KeepBoth:
                        name = KeepBothNames.FirstFree(fileName, folderNode.Children.ContainsKey);
                        break;
                    default:
                        throw Conflict($"An item named '{fileName}' already exists in '{folder}'.");
                }
            }

            RequirePermission(account, folderNode, StoragePermissions.Create, $"You may not upload into '{folder}'.");
            var file = NewNode(name, StorageItemKind.File, folderNode, account.DisplayName);
            file.Content = buffer.ToArray();
            file.MimeType = MimeTypes.Guess(name);
            return ToItem(file, PermissionsOf(account, file));
        }
    }

    /// <inheritdoc/>
    /// <remarks>The link has the shape of Nextcloud's direct upload: one multipart form, the conflict policy in the <c>overwrite</c> field.</remarks>
    public Task<UploadLink> CreateUploadLinkAsync(StorageActor actor, FileId folderId, string fileName, NameConflictPolicy conflictPolicy = NameConflictPolicy.Fail, CancellationToken cancellationToken = default)
    {
        RequireValidName(fileName, nameof(fileName));
        var formFields = conflictPolicy switch
        {
            NameConflictPolicy.Fail => new Dictionary<string, string>(),
            NameConflictPolicy.KeepBoth => new Dictionary<string, string> { ["overwrite"] = "false" },
            NameConflictPolicy.Overwrite => new Dictionary<string, string> { ["overwrite"] = "true" },
            _ => throw new ArgumentOutOfRangeException(nameof(conflictPolicy), conflictPolicy, "Not a name conflict policy."),
        };
        return RunAsync(StorageOperation.CreateUploadLink, actor, account =>
        {
            // Nextcloud answers 404 both for a missing folder and for one the user may not write to.
            var required = StoragePermissions.Read | StoragePermissions.Create;
            if (!_nodes.TryGetValue(folderId, out var node) || (PermissionsOf(account, node) & required) != required)
            {
                throw NotFound($"There is no folder with the id '{folderId}' that you may upload into.");
            }

            if (!node.IsFolder)
            {
                throw InvalidRequest($"'{node.Path}' is a file; upload links point to folders.");
            }

            return new UploadLink
            {
                Url = new Uri(BaseUri, $"{Uri.EscapeDataString(Id.Value)}/upload/{NewToken()}"),
                ExpiresAt = _time.GetUtcNow() + UploadLinkLifetime,
                FileName = fileName,
                FileField = "file",
                FormFields = formFields,
            };
        }, cancellationToken);
    }

    private async Task<T> RunAsync<T>(StorageOperation operation, StorageActor actor, Func<Account, T> body, CancellationToken cancellationToken)
    {
        await BeginAsync(operation, actor, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            return body(Authenticate(actor));
        }
    }

    /// <summary>What every request does before it touches state: count, meet its fault, authenticate.</summary>
    private async Task BeginAsync(StorageOperation operation, StorageActor actor, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _requestCounts[(int)operation]);
        await Faults.ApplyAsync(operation, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            Authenticate(actor);
        }
    }

    private Account Authenticate(StorageActor actor)
    {
        if (actor.User is not { } user)
        {
            return Account.Technical;
        }

        if (!_connections.TryGetValue(user, out var storageUserId))
        {
            throw new StorageException(StorageErrorCode.Unauthorized, $"You are not logged in to {ProductName}. Log in to the storage and try again.", httpStatus: 401);
        }

        return new Account(storageUserId, _accounts[storageUserId], IsTechnical: false);
    }

    private (StorageNode Node, StoragePermissions Permissions) ReadableFolder(Account account, StoragePath folder)
    {
        var node = NodeAt(folder) ?? throw NotFound($"The folder '{folder}' does not exist.");
        if (!node.IsFolder)
        {
            throw InvalidRequest($"'{folder}' is a file, not a folder.");
        }

        return (node, RequireRead(account, node));
    }

    /// <summary>The children the account may read, folders first, then by name ordinally.</summary>
    private static IEnumerable<StorageItem> ReadableChildren(Account account, StorageNode folder) =>
        folder.Children.Values
            .Select(child => (Node: child, Permissions: PermissionsOf(account, child)))
            .Where(child => child.Permissions.HasFlag(StoragePermissions.Read))
            .OrderBy(child => child.Node.IsFolder ? 0 : 1)
            .ThenBy(child => child.Node.Name, StringComparer.Ordinal)
            .Select(child => ToItem(child.Node, child.Permissions));

    private StorageNode NodeWithId(FileId id) =>
        _nodes.TryGetValue(id, out var node) ? node : throw NotFound($"There is no file with the id '{id}'.");

    private StorageNode ReadableFile(Account account, FileId id)
    {
        var node = NodeWithId(id);
        RequireRead(account, node);
        return node.IsFolder ? throw InvalidRequest($"'{node.Path}' is a folder; only files can be downloaded.") : node;
    }

    private StorageNode WritableFolder(Account account, StoragePath path, StoragePermissions required)
    {
        var node = NodeAt(path) is { IsFolder: true } folder ? folder : throw NotFound($"The folder '{path}' does not exist.");
        RequirePermission(account, node, required, $"You may not add items to '{path}'.");
        return node;
    }

    private static StoragePermissions PermissionsOf(Account account, StorageNode node) =>
        account.IsTechnical ? StoragePermissions.All : PermissionsOf(account.StorageUserId, node);

    private static StoragePermissions RequireRead(Account account, StorageNode node)
    {
        var permissions = PermissionsOf(account, node);
        return permissions.HasFlag(StoragePermissions.Read)
            ? permissions
            : throw new StorageException(StorageErrorCode.Forbidden, $"You have no access to '{node.Path}'.", httpStatus: 403);
    }

    private static void RequirePermission(Account account, StorageNode node, StoragePermissions required, string message)
    {
        var permissions = RequireRead(account, node);
        if ((permissions & required) != required)
        {
            throw new StorageException(StorageErrorCode.Forbidden, message, httpStatus: 403);
        }
    }

    /// <summary>A name that cannot be a path segment is the caller's mistake, refused before any request, as the providers do.</summary>
    private static void RequireValidName(string name, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        if (!StoragePath.IsValidName(name))
        {
            throw new ArgumentException("The name must be one valid path segment: not empty, not '.' or '..', without '/', control characters or lone surrogates (invalid UTF-16).", parameterName);
        }
    }

    private static string NewToken() => Guid.NewGuid().ToString("N");

    private static StorageException NotFound(string message) => new(StorageErrorCode.NotFound, message, httpStatus: 404);

    private static StorageException Conflict(string message, int httpStatus = 409) => new(StorageErrorCode.Conflict, message, httpStatus);

    private static StorageException InvalidRequest(string message) => new(StorageErrorCode.InvalidRequest, message, httpStatus: 400);

    private readonly record struct Account(string StorageUserId, string DisplayName, bool IsTechnical)
    {
        public static Account Technical { get; } = new("technical-user", TechnicalUserDisplayName, IsTechnical: true);
    }
}
