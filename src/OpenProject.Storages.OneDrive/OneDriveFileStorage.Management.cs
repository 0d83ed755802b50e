using System.Text.Json;
using OpenProject.Storages.OneDrive.Internal;

namespace OpenProject.Storages.OneDrive;

public sealed partial class OneDriveFileStorage
{
    /// <inheritdoc/>
    /// <remarks>Reads the parent by path, then <c>POST items/{parent}/children</c> with <c>conflictBehavior=fail</c> (as recorded).</remarks>
    public async Task<StorageItem> CreateFolderAsync(StorageActor actor, StoragePath parent, string name, CancellationToken cancellationToken = default)
    {
        const string Operation = "create a folder";
        RequireValidName(name, nameof(name));
        var parentItem = await GetFolderAsync(actor, parent, Operation, cancellationToken).ConfigureAwait(false);
        var payload = JsonSerializer.SerializeToUtf8Bytes(new NewFolderRequest { Name = name }, GraphJsonContext.Default.NewFolderRequest);
        var created = await _graph.SendJsonAsync(actor, () => JsonRequest(HttpMethod.Post, DriveItems.Resolve(_options, DriveItems.ById(_options.DriveId, parentItem.Id) + "/children"), payload), GraphJsonContext.Default.DriveItem, Operation, cancellationToken).ConfigureAwait(false);
        return DriveItems.ToStorageItem(created, Operation);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Reads the source (and a new parent) by path, then <c>PATCH items/{id}</c> with the new name and parent. Graph
    /// refuses a name that exists in the target folder (<c>nameAlreadyExists</c>), so nothing is overwritten.
    /// </remarks>
    public async Task<StorageItem> MoveAsync(StorageActor actor, StoragePath source, StoragePath destination, CancellationToken cancellationToken = default)
    {
        const string Operation = "move an item";
        if (source.IsRoot || destination.IsRoot)
        {
            throw new StorageException(StorageErrorCode.InvalidRequest, "The root folder cannot be moved, and nothing can replace it.");
        }

        if (destination.IsSameOrBelow(source))
        {
            throw new StorageException(StorageErrorCode.InvalidRequest, "A folder cannot be moved into itself.");
        }

        var item = await GetItemAsync(actor, DriveItems.ByPath(_options.DriveId, source), Operation, cancellationToken).ConfigureAwait(false);
        var patch = new ItemPatch { Name = destination.Name };
        if (destination.Parent != source.Parent)
        {
            var newParent = await GetFolderAsync(actor, destination.Parent, Operation, cancellationToken).ConfigureAwait(false);
            patch.ParentReference = new ParentReference { Id = newParent.Id.Value };
        }

        var payload = JsonSerializer.SerializeToUtf8Bytes(patch, GraphJsonContext.Default.ItemPatch);
        var moved = await _graph.SendJsonAsync(actor, () => JsonRequest(HttpMethod.Patch, DriveItems.Resolve(_options, DriveItems.ById(_options.DriveId, item.Id)), payload), GraphJsonContext.Default.DriveItem, Operation, cancellationToken).ConfigureAwait(false);
        return DriveItems.ToStorageItem(moved, Operation);
    }

    /// <inheritdoc/>
    /// <remarks>Reads the item by path, then <c>DELETE items/{id}</c> (Graph deletes a folder with its content).</remarks>
    public async Task DeleteAsync(StorageActor actor, StoragePath path, CancellationToken cancellationToken = default)
    {
        const string Operation = "delete an item";
        if (path.IsRoot)
        {
            throw new StorageException(StorageErrorCode.InvalidRequest, "The root folder cannot be deleted.");
        }

        var item = await GetItemAsync(actor, DriveItems.ByPath(_options.DriveId, path), Operation, cancellationToken).ConfigureAwait(false);
        await _graph.SendAsync(actor, () => new HttpRequestMessage(HttpMethod.Delete, DriveItems.Resolve(_options, DriveItems.ById(_options.DriveId, item.Id))), Operation, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// As OpenProject's <c>file_path_to_id_map_query</c>: the folder by path, then its children breadth-first, each folder's
    /// pages followed through <c>@odata.nextLink</c>. At most <see cref="OneDriveStorageOptions.MaxListingChildren"/> entries.
    /// </remarks>
    public async Task<IReadOnlyDictionary<StoragePath, FileId>> GetPathToIdMapAsync(StorageActor actor, StoragePath folder, PathMapDepth depth = PathMapDepth.Children, CancellationToken cancellationToken = default)
    {
        const string Operation = "map paths to item ids";
        var start = await GetItemAsync(actor, DriveItems.ByPath(_options.DriveId, folder), Operation, cancellationToken).ConfigureAwait(false);
        var map = new Dictionary<StoragePath, FileId> { [start.Location] = start.Id };
        var pending = new Queue<StorageItem>();
        if (depth != PathMapDepth.Self && start.IsFolder)
        {
            pending.Enqueue(start);
        }

        while (pending.TryDequeue(out var current))
        {
            await foreach (var child in ReadChildrenAsync(actor, current.Id, Operation, cancellationToken).ConfigureAwait(false))
            {
                if (map.Count >= _options.MaxListingChildren)
                {
                    throw TooManyChildren();
                }

                map[child.Location] = child.Id;
                if (depth == PathMapDepth.All && child.IsFolder)
                {
                    pending.Enqueue(child);
                }
            }
        }

        return map;
    }

    /// <summary>A folder by path; a file there is <see cref="StorageErrorCode.InvalidRequest"/>.</summary>
    private async Task<StorageItem> GetFolderAsync(StorageActor actor, StoragePath path, string operation, CancellationToken cancellationToken)
    {
        var item = await GetItemAsync(actor, DriveItems.ByPath(_options.DriveId, path), operation, cancellationToken).ConfigureAwait(false);
        return item.IsFolder
            ? item
            : throw new StorageException(StorageErrorCode.InvalidRequest, $"Cannot {operation}: '{path}' is a file, not a folder.");
    }

    internal static HttpRequestMessage JsonRequest(HttpMethod method, Uri uri, byte[] payload) =>
        new(method, uri) { Content = new ByteArrayContent(payload) { Headers = { ContentType = new("application/json") } } };

    private static void RequireValidName(string name, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        if (!StoragePath.IsValidName(name))
        {
            throw new ArgumentException("The name must be one valid path segment: not empty, not '.' or '..', without '/', control characters or lone surrogates (invalid UTF-16).", parameterName);
        }
    }
}
