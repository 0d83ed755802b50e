namespace OpenProject.Storages;

/// <summary>
/// Turns a storage failure into what a user sees. Replace the registered instance to change the
/// wording or to localise it; the mapping of codes to states should stay as documented.
/// </summary>
public interface IStorageProblemDescriber
{
    /// <summary>Describes a failure of a storage.</summary>
    /// <param name="exception">The failure.</param>
    /// <param name="storageProductName">The product name, for example <c>Nextcloud</c>.</param>
    /// <returns>The state, title and message.</returns>
    StorageProblem Describe(StorageException exception, string storageProductName);
}
