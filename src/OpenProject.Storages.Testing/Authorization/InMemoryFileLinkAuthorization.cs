namespace OpenProject.Storages.Testing;

/// <summary>
/// An <see cref="IFileLinkAuthorization"/> that allows only what a test granted: viewing or managing
/// the file links of one container, or everything. Managing implies viewing. Thread-safe.
/// </summary>
public sealed class InMemoryFileLinkAuthorization : IFileLinkAuthorization
{
    private readonly Lock _gate = new();
    private readonly HashSet<(HostUserId User, ContainerRef Container)> _viewers = [];
    private readonly HashSet<(HostUserId User, ContainerRef Container)> _managers = [];
    private readonly HashSet<HostUserId> _everything = [];

    /// <summary>Lets a user see a container's file links.</summary>
    /// <param name="user">The host user.</param>
    /// <param name="container">The container.</param>
    public void AllowView(HostUserId user, ContainerRef container)
    {
        lock (_gate)
        {
            _viewers.Add((user, container));
        }
    }

    /// <summary>Lets a user see, add and remove a container's file links.</summary>
    /// <param name="user">The host user.</param>
    /// <param name="container">The container.</param>
    public void AllowManage(HostUserId user, ContainerRef container)
    {
        lock (_gate)
        {
            _managers.Add((user, container));
        }
    }

    /// <summary>Lets a user see and manage the file links of every container.</summary>
    /// <param name="user">The host user.</param>
    public void AllowEverything(HostUserId user)
    {
        lock (_gate)
        {
            _everything.Add(user);
        }
    }

    /// <summary>Takes back everything granted to a user.</summary>
    /// <param name="user">The host user.</param>
    public void Revoke(HostUserId user)
    {
        lock (_gate)
        {
            _everything.Remove(user);
            _viewers.RemoveWhere(entry => entry.User == user);
            _managers.RemoveWhere(entry => entry.User == user);
        }
    }

    /// <inheritdoc/>
    public ValueTask<bool> CanViewFileLinksAsync(HostUserId user, ContainerRef container, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_everything.Contains(user) || _managers.Contains((user, container)) || _viewers.Contains((user, container)));
        }
    }

    /// <inheritdoc/>
    public ValueTask<bool> CanManageFileLinksAsync(HostUserId user, ContainerRef container, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_everything.Contains(user) || _managers.Contains((user, container)));
        }
    }
}
