namespace OpenProject.Storages.ProjectFolders;

/// <summary>The team folder as it is: the root with its access list and the folders directly under it.</summary>
public sealed record TeamFolderState
{
    /// <summary>The root's id.</summary>
    public required FileId RootId { get; init; }

    /// <summary>The rules set on the root.</summary>
    public IReadOnlyList<FolderAccessRule> RootAccessRules { get; init; } = [];

    /// <summary>The folders directly under the root (files are not listed).</summary>
    public IReadOnlyList<TeamFolderEntry> Folders { get; init; } = [];
}
