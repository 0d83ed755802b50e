namespace OpenProject.Storages.ProjectFolders;

/// <summary>
/// A storage that can keep automatically managed project folders: one managed root (Nextcloud: the
/// <c>OpenProject</c> team folder; OneDrive: the drive's root) whose direct children are the project folders,
/// each with its own access list. Every operation runs as the technical user (OneDrive: the app itself).
/// Folders are addressed by id and by their path below the managed root (<see cref="StoragePath.Root"/> is the
/// root itself), since some storages only accept paths.
/// </summary>
/// <remarks>
/// <para>Failures are <see cref="StorageException"/>s; see <see cref="ProjectFolderErrorCodes"/> for the codes specific to this capability.</para>
/// <para>
/// Optional capabilities: <see cref="IProjectFolderGroups"/> for a storage whose root is shown to a group that the
/// sync keeps filled (Nextcloud), <see cref="IProjectFolderPermissionRoles"/> for a storage that grants roles rather
/// than single permissions (OneDrive: read or write).
/// </para>
/// </remarks>
public interface IProjectFolderStorage
{
    /// <summary>Reads the root's id and access list and the folders directly under it with theirs.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The managed root.</returns>
    /// <exception cref="StorageException">The managed root cannot be read; a sync cannot go on without it.</exception>
    Task<ManagedRootState> ReadManagedRootAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads the rules set on one folder, for example to check that a change was really stored.</summary>
    /// <param name="folderId">The folder's id.</param>
    /// <param name="folder">The folder's path below the root.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The rules.</returns>
    /// <exception cref="StorageException"><see cref="StorageErrorCode.NotFound"/> or another failure.</exception>
    Task<IReadOnlyList<FolderAccessRule>> GetAccessRulesAsync(FileId folderId, StoragePath folder, CancellationToken cancellationToken = default);

    /// <summary>Creates a folder directly under the root.</summary>
    /// <param name="name">The folder's name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new folder with its id.</returns>
    /// <exception cref="StorageException"><see cref="StorageErrorCode.Conflict"/> when the name is taken, or another failure.</exception>
    Task<ProjectFolderEntry> CreateFolderAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Renames a folder directly under the root; its id, content and rules stay. An existing folder is never overwritten.</summary>
    /// <param name="folderId">The folder's id.</param>
    /// <param name="currentName">Its current name.</param>
    /// <param name="newName">Its new name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the folder is renamed.</returns>
    /// <exception cref="StorageException"><see cref="StorageErrorCode.Conflict"/> when <paramref name="newName"/> is taken, <see cref="StorageErrorCode.NotFound"/> when the folder is gone, or another failure.</exception>
    Task RenameFolderAsync(FileId folderId, string currentName, string newName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a folder's whole access list. Some storages answer success without storing anything
    /// (Nextcloud does when the caller may not manage the list): read it back with
    /// <see cref="GetAccessRulesAsync"/> to be sure.
    /// </summary>
    /// <param name="folderId">The folder's id.</param>
    /// <param name="folder">The folder's path below the root; <see cref="StoragePath.Root"/> for the root.</param>
    /// <param name="rules">The complete new list.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the storage answered.</returns>
    /// <exception cref="StorageException">The storage refused the change.</exception>
    Task SetAccessRulesAsync(FileId folderId, StoragePath folder, IReadOnlyList<FolderAccessRule> rules, CancellationToken cancellationToken = default);
}
