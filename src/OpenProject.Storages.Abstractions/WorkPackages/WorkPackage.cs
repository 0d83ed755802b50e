namespace OpenProject.Storages.WorkPackages;

/// <summary>
/// A work package as a user may see it: the container files are linked to
/// (<see cref="ContainerRef.WorkPackage(string)"/> with <see cref="Id"/> as text).
/// </summary>
public sealed record WorkPackage
{
    /// <summary>The work package id; a positive number (Nextcloud's app drops a work package whose id is not one).</summary>
    public required long Id { get; init; }

    /// <summary>The subject; never empty.</summary>
    public required string Subject { get; init; }

    /// <summary>The description as Markdown; empty when there is none.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>The project.</summary>
    public required HostProject Project { get; init; }

    /// <summary>The type.</summary>
    public required WorkPackageType Type { get; init; }

    /// <summary>The status.</summary>
    public required WorkPackageStatus Status { get; init; }

    /// <summary>The assignee; <see langword="null"/> when unassigned.</summary>
    public HostUser? Assignee { get; init; }

    /// <summary>The author.</summary>
    public HostUser? Author { get; init; }

    /// <summary>When it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The container reference files are linked to.</summary>
    public ContainerRef Container => ContainerRef.WorkPackage(Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
