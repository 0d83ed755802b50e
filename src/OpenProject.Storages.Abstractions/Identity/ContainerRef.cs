namespace OpenProject.Storages;

/// <summary>
/// The host object that files are linked to: a work package in OpenProject's terms, but any
/// type of the host's (a ticket, a meeting) identified by a type name and an id.
/// </summary>
public readonly record struct ContainerRef
{
    /// <summary>The container type of OpenProject work packages.</summary>
    public const string WorkPackageType = "WorkPackage";

    /// <summary>Creates a container reference.</summary>
    /// <param name="type">The container type, for example <see cref="WorkPackageType"/>.</param>
    /// <param name="id">The container's id within its type.</param>
    /// <exception cref="ArgumentException">A value is null, empty or white space.</exception>
    public ContainerRef(string type, string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        Type = type;
        Id = id;
    }

    /// <summary>The container type, for example <c>WorkPackage</c>.</summary>
    public string Type { get; }

    /// <summary>The container's id within its type.</summary>
    public string Id { get; }

    /// <summary>A reference to the work package with the given id.</summary>
    /// <param name="id">The work package id.</param>
    /// <returns>The container reference.</returns>
    public static ContainerRef WorkPackage(string id) => new(WorkPackageType, id);

    /// <inheritdoc/>
    public override string ToString() => $"{Type}#{Id}";
}
