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
        _type = type;
        _id = id;
    }

    /// <summary>The container type, for example <c>WorkPackage</c>.</summary>
    /// <exception cref="ArgumentException">This is <c>default(ContainerRef)</c>, which has no value.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1065:Do not raise exceptions in unexpected locations", Justification = "Only a caller's own default(...) has no value: a caller mistake, wherever it is read.")]
    public string Type => _type ?? throw Internal.DefaultValue.Used(nameof(ContainerRef));

    /// <summary>The container's id within its type.</summary>
    /// <exception cref="ArgumentException">This is <c>default(ContainerRef)</c>, which has no value.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1065:Do not raise exceptions in unexpected locations", Justification = "As above.")]
    public string Id => _id ?? throw Internal.DefaultValue.Used(nameof(ContainerRef));

    private readonly string? _type;
    private readonly string? _id;

    /// <summary>A reference to the work package with the given id.</summary>
    /// <param name="id">The work package id.</param>
    /// <returns>The container reference.</returns>
    public static ContainerRef WorkPackage(string id) => new(WorkPackageType, id);

    /// <inheritdoc/>
    public override string ToString() => _type is null ? string.Empty : $"{_type}#{_id}";
}
