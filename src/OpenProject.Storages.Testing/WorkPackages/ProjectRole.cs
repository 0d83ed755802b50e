namespace OpenProject.Storages.Testing;

/// <summary>What a member may do in a project of <see cref="InMemoryWorkPackageHost"/>.</summary>
public enum ProjectRole
{
    /// <summary>See the project's work packages and their file links.</summary>
    Viewer,

    /// <summary>Also create work packages and add and remove file links.</summary>
    Member,
}
