namespace OpenProject.Storages.WebSample.Host;

/// <summary>
/// Who may view and manage a work package's file links, from the host's own domain: every user of the directory is a member of the
/// project and views; users who manage files (Alice, Carol) also link, upload and unlink. A real host asks its permission system.
/// </summary>
public sealed class SamplePermissions(HostDirectory directory) : IFileLinkAuthorization
{
    public ValueTask<bool> CanViewFileLinksAsync(HostUserId user, ContainerRef container, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(directory.FindUser(user.Value) is not null && WorkPackageOf(container) is not null);

    public ValueTask<bool> CanManageFileLinksAsync(HostUserId user, ContainerRef container, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(directory.FindUser(user.Value) is { ManagesFiles: true } && WorkPackageOf(container) is not null);

    private HostWorkPackage? WorkPackageOf(ContainerRef container) =>
        container.Type == ContainerRef.WorkPackageType ? directory.FindWorkPackage(container.Id) : null;
}
