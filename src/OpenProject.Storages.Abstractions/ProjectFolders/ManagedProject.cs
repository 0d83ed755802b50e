namespace OpenProject.Storages.ProjectFolders;

/// <summary>A project whose folder the host wants managed automatically.</summary>
public sealed record ManagedProject
{
    /// <summary>The host's project id; part of the folder name, so it must be stable.</summary>
    public required string ProjectId { get; init; }

    /// <summary>The project's current name.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// Whether the project is active. The folder of an inactive (archived) project is hidden: only the
    /// technical user keeps access. It is never deleted.
    /// </summary>
    public bool IsActive { get; init; } = true;

    /// <summary>The id of the folder the project used last, as the host persisted it; <see langword="null"/> before the first run.</summary>
    public FileId? FolderId { get; init; }

    /// <summary>The project's members with their folder permissions.</summary>
    public IReadOnlyList<ProjectFolderMember> Members { get; init; } = [];
}
