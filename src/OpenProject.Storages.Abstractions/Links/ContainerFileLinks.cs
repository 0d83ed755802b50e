namespace OpenProject.Storages;

/// <summary>All file links of a container for one user, grouped by storage.</summary>
public sealed record ContainerFileLinks
{
    /// <summary>The container.</summary>
    public required ContainerRef Container { get; init; }

    /// <summary>One entry per storage that has links, in the order of the first link of each.</summary>
    public required IReadOnlyList<StorageFileLinks> Storages { get; init; }
}
