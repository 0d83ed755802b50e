namespace OpenProject.Storages.WorkPackages;

/// <summary>A host project that work packages belong to.</summary>
public sealed record HostProject
{
    /// <summary>The project's id; a positive number, as OpenProject's API carries it.</summary>
    public required long Id { get; init; }

    /// <summary>The project's name.</summary>
    public required string Name { get; init; }

    /// <summary>The project's short, URL-safe identifier.</summary>
    public required string Identifier { get; init; }

    /// <summary>The parent project's id; <see langword="null"/> for a top-level project.</summary>
    public long? ParentId { get; init; }
}
