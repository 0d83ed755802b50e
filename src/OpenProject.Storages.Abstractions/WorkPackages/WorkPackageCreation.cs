namespace OpenProject.Storages.WorkPackages;

/// <summary>The outcome of creating a work package: the work package, or why not.</summary>
public sealed record WorkPackageCreation
{
    /// <summary>The created work package; <see langword="null"/> when <see cref="ValidationErrors"/> are given.</summary>
    public WorkPackage? Created { get; init; }

    /// <summary>Why it was not created; empty on success.</summary>
    public IReadOnlyList<WorkPackageValidationError> ValidationErrors { get; init; } = [];
}
