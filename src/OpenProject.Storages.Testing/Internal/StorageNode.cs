namespace OpenProject.Storages.Testing.Internal;

/// <summary>A file or folder of an <see cref="InMemoryFileStorage"/>; guarded by the storage's lock.</summary>
internal sealed class StorageNode
{
    public StorageNode(FileId id, string name, StorageItemKind kind)
    {
        Id = id;
        Name = name;
        Kind = kind;
    }

    public FileId Id { get; }

    public string Name { get; set; }

    public StorageItemKind Kind { get; }

    public StorageNode? Parent { get; set; }

    public SortedDictionary<string, StorageNode> Children { get; } = new(StringComparer.Ordinal);

    public byte[] Content { get; set; } = [];

    public string? MimeType { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastModifiedAt { get; set; }

    public string? CreatedByName { get; set; }

    public string? LastModifiedByName { get; set; }

    /// <summary>Permissions granted on this node per storage user; they apply to descendants without their own grant.</summary>
    public Dictionary<string, StoragePermissions> Grants { get; } = new(StringComparer.Ordinal);

    public bool IsFolder => Kind == StorageItemKind.Folder;

    public StoragePath Path => Parent is null ? StoragePath.Root : Parent.Path.Combine(Name);

    public long Size => IsFolder ? Children.Values.Sum(child => child.Size) : Content.LongLength;

    public IEnumerable<StorageNode> SelfAndDescendants()
    {
        yield return this;
        foreach (var child in Children.Values)
        {
            foreach (var node in child.SelfAndDescendants())
            {
                yield return node;
            }
        }
    }

    public bool IsSameOrBelow(StorageNode ancestor)
    {
        for (var node = this; node is not null; node = node.Parent)
        {
            if (ReferenceEquals(node, ancestor))
            {
                return true;
            }
        }

        return false;
    }
}
