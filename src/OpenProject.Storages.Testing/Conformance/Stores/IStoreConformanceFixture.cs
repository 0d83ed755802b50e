namespace OpenProject.Storages.Testing;

/// <summary>
/// What the store conformance kit needs of a host's stores: a new instance per call, each on the same data, as a
/// new scope (or another app instance) would get it. A store on a database gives each call its own context.
/// </summary>
public interface IStoreConformanceFixture
{
    /// <summary>A link repository on the shared data.</summary>
    /// <returns>The repository.</returns>
    IFileLinkRepository NewLinkRepository();

    /// <summary>A token store on the shared data.</summary>
    /// <returns>The store.</returns>
    IStorageTokenStore NewTokenStore();

    /// <summary>A project folder state store on the shared data.</summary>
    /// <returns>The store.</returns>
    ProjectFolders.IProjectFolderStateStore NewProjectFolderStateStore();
}
