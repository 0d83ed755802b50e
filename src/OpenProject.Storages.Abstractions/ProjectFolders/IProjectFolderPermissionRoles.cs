namespace OpenProject.Storages.ProjectFolders;

/// <summary>
/// The optional part of <see cref="IProjectFolderStorage"/> for a storage that grants roles rather than single
/// permissions (OneDrive: <c>read</c> or <c>write</c>): it says what a request really becomes, so the planner compares
/// the wanted access list with what the storage can store and a run with nothing to change writes nothing.
/// </summary>
public interface IProjectFolderPermissionRoles
{
    /// <summary>The permissions the storage grants when asked for <paramref name="requested"/>.</summary>
    /// <param name="requested">What the host wants a member to have.</param>
    /// <returns>What the member gets; <see cref="StoragePermissions.None"/> when the storage grants nothing for it (no rule is written then).</returns>
    StoragePermissions ToGrantable(StoragePermissions requested);
}
