namespace OpenProject.Storages;

/// <summary>
/// The host's permission rules for file links (OpenProject: <c>view_file_links</c> and
/// <c>manage_file_links</c> in the work package's project). The storage's own permissions are
/// checked separately, with the user's own access.
/// </summary>
public interface IFileLinkAuthorization
{
    /// <summary>Whether the user may see the container's file links.</summary>
    /// <param name="user">The host user.</param>
    /// <param name="container">The container.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns><see langword="true"/> when allowed.</returns>
    ValueTask<bool> CanViewFileLinksAsync(HostUserId user, ContainerRef container, CancellationToken cancellationToken = default);

    /// <summary>Whether the user may add and remove the container's file links.</summary>
    /// <param name="user">The host user.</param>
    /// <param name="container">The container.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns><see langword="true"/> when allowed.</returns>
    ValueTask<bool> CanManageFileLinksAsync(HostUserId user, ContainerRef container, CancellationToken cancellationToken = default);
}
