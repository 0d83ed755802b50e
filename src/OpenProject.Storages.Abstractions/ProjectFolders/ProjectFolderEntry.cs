namespace OpenProject.Storages.ProjectFolders;

/// <summary>A folder directly under the managed root, as the technical user sees it.</summary>
public sealed record ProjectFolderEntry
{
    /// <summary>The folder's stable id.</summary>
    public required FileId Id { get; init; }

    /// <summary>The folder's name (its path below the root).</summary>
    public required string Name { get; init; }

    /// <summary>The rules set on the folder itself (not inherited ones).</summary>
    public IReadOnlyList<FolderAccessRule> AccessRules { get; init; } = [];
}
