namespace OpenProject.Storages.WorkPackages;

/// <summary>A work package status.</summary>
public sealed record WorkPackageStatus
{
    /// <summary>The status id; a positive number.</summary>
    public required long Id { get; init; }

    /// <summary>The status name.</summary>
    public required string Name { get; init; }

    /// <summary>The colour as <c>#RRGGBB</c>, shown by Nextcloud next to the status.</summary>
    public string? Color { get; init; }

    /// <summary>Whether a work package in this status is closed.</summary>
    public bool IsClosed { get; init; }

    /// <summary>Whether new work packages get this status.</summary>
    public bool IsDefault { get; init; }
}
