namespace OpenProject.Storages.ProjectFolders;

/// <summary>One change a <see cref="ProjectFolderPlan"/> makes to the storage.</summary>
public sealed record ProjectFolderStep
{
    /// <summary>The step's number in its plan, from 0.</summary>
    public required int Id { get; init; }

    /// <summary>What the step does.</summary>
    public required ProjectFolderStepKind Kind { get; init; }

    /// <summary>What the step does, in words, for logs and reports.</summary>
    public required string Description { get; init; }

    /// <summary>The project the step is for; <see langword="null"/> for the root, unclaimed folders and group steps.</summary>
    public string? ProjectId { get; init; }

    /// <summary>The folder's id; <see langword="null"/> when the folder is created by the step this one depends on.</summary>
    public FileId? FolderId { get; init; }

    /// <summary>The folder's name below the root: the name to create, the current name to rename, or the name the folder has when this step runs.</summary>
    public string? FolderName { get; init; }

    /// <summary>The new name of a <see cref="ProjectFolderStepKind.RenameFolder"/> step.</summary>
    public string? NewName { get; init; }

    /// <summary>The complete access list a root, permission or hide step sets.</summary>
    public IReadOnlyList<FolderAccessRule> AccessRules { get; init; } = [];

    /// <summary>The storage user a group step adds or removes.</summary>
    public string? UserId { get; init; }

    /// <summary>The step that must succeed before this one can run; if it fails, this one is skipped.</summary>
    public int? DependsOn { get; init; }

    /// <summary>A step this one runs after, whatever its outcome (a permission change after a rename applies to the folder under whichever name it has).</summary>
    public int? RunsAfter { get; init; }

    /// <summary>Why the planner already knows this step must not run (for example <see cref="ProjectFolderErrorCodes.FolderIdCollision"/>); it is reported as failed without touching the storage.</summary>
    public StorageErrorCode? RefusalCode { get; init; }

    /// <summary>The explanation that goes with <see cref="RefusalCode"/>.</summary>
    public string? RefusalMessage { get; init; }

    /// <summary>Whether the step changes the storage when it runs.</summary>
    public bool IsWrite => RefusalCode is null && Kind != ProjectFolderStepKind.ReadGroupMembers;

    /// <inheritdoc/>
    public override string ToString() => $"#{Id} {Description}";
}
