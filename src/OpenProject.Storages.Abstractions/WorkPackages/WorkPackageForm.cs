namespace OpenProject.Storages.WorkPackages;

/// <summary>The create form of a project: what may be chosen, the draft with its defaults, and what is wrong with it.</summary>
public sealed record WorkPackageForm
{
    /// <summary>The project.</summary>
    public required HostProject Project { get; init; }

    /// <summary>The types the project allows.</summary>
    public required IReadOnlyList<WorkPackageType> Types { get; init; }

    /// <summary>The statuses a new work package may have.</summary>
    public required IReadOnlyList<WorkPackageStatus> Statuses { get; init; }

    /// <summary>The draft with the defaults filled in (type, status).</summary>
    public required WorkPackageDraft Payload { get; init; }

    /// <summary>What would stop the draft from being created; empty when it can be.</summary>
    public IReadOnlyList<WorkPackageValidationError> ValidationErrors { get; init; } = [];
}
