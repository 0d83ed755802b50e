namespace OpenProject.Storages.WorkPackages;

/// <summary>A work package type (task, bug, milestone, …).</summary>
public sealed record WorkPackageType
{
    /// <summary>The type id; a positive number.</summary>
    public required long Id { get; init; }

    /// <summary>The type name.</summary>
    public required string Name { get; init; }

    /// <summary>The colour as <c>#RRGGBB</c>, shown by Nextcloud next to the type.</summary>
    public string? Color { get; init; }

    /// <summary>Whether new work packages get this type.</summary>
    public bool IsDefault { get; init; }

    /// <summary>Whether it is a milestone type.</summary>
    public bool IsMilestone { get; init; }
}
