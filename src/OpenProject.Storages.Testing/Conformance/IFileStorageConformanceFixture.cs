namespace OpenProject.Storages.Testing;

/// <summary>
/// What a provider's test project supplies to run the conformance cases: the storage under test, what it
/// can do, the actors, and the provider-specific ways to arrange state (which do not go through the
/// storage under test, so a read-only provider can still be tested).
/// </summary>
public interface IFileStorageConformanceFixture
{
    /// <summary>The storage under test. It implements the capability interfaces named in <see cref="Capabilities"/>.</summary>
    IFileStorage Storage { get; }

    /// <summary>What the storage and this fixture can do; cases needing more are skipped.</summary>
    StorageCapabilities Capabilities { get; }

    /// <summary>An actor that may do everything in every test folder.</summary>
    StorageActor PrivilegedActor { get; }

    /// <summary>
    /// A second, connected actor. It may read and write test folders like <see cref="PrivilegedActor"/>
    /// until <see cref="SetRestrictedPermissionsAsync"/> restricts it.
    /// </summary>
    StorageActor RestrictedActor { get; }

    /// <summary>An actor that is not logged in to the storage; required with <see cref="StorageCapabilities.DisconnectedActor"/>.</summary>
    StorageActor? DisconnectedActor { get; }

    /// <summary>Creates a fresh, empty folder for one case run; a folder no other run uses.</summary>
    /// <param name="caseName">The case's name, for a readable folder name if the fixture wants one.</param>
    /// <param name="cancellationToken">Cancels the arrangement.</param>
    /// <returns>The folder's path as <see cref="PrivilegedActor"/> and <see cref="RestrictedActor"/> see it.</returns>
    Task<StoragePath> CreateTestFolderAsync(string caseName, CancellationToken cancellationToken = default);

    /// <summary>Creates a folder (its parent exists), by provider-specific means.</summary>
    /// <param name="path">The folder's path.</param>
    /// <param name="cancellationToken">Cancels the arrangement.</param>
    /// <returns>The folder as <see cref="PrivilegedActor"/> sees it, with its id.</returns>
    Task<StorageItem> ArrangeFolderAsync(StoragePath path, CancellationToken cancellationToken = default);

    /// <summary>Creates a file (its folder exists), by provider-specific means.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="content">The content.</param>
    /// <param name="cancellationToken">Cancels the arrangement.</param>
    /// <returns>The file as <see cref="PrivilegedActor"/> sees it, with its id.</returns>
    Task<StorageItem> ArrangeFileAsync(StoragePath path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>Deletes an item, by provider-specific means (as someone working in the storage would).</summary>
    /// <param name="path">The item's path.</param>
    /// <param name="cancellationToken">Cancels the arrangement.</param>
    /// <returns>A task that completes when the item is gone.</returns>
    Task ArrangeDeletionAsync(StoragePath path, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets what <see cref="RestrictedActor"/> may do with an item and what lies below it; needed with
    /// <see cref="StorageCapabilities.PerUserPermissions"/>. <see cref="StoragePermissions.None"/> hides the item.
    /// </summary>
    /// <param name="path">The item's path.</param>
    /// <param name="permissions">The restricted actor's permissions.</param>
    /// <param name="cancellationToken">Cancels the arrangement.</param>
    /// <returns>A task that completes when the permissions apply.</returns>
    Task SetRestrictedPermissionsAsync(StoragePath path, StoragePermissions permissions, CancellationToken cancellationToken = default);
}
