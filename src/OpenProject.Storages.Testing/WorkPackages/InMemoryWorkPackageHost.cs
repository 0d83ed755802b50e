using System.Globalization;
using OpenProject.Storages.WorkPackages;

namespace OpenProject.Storages.Testing;

/// <summary>
/// The host's own domain in memory: users, projects with members, work packages, statuses, types and notifications,
/// with the permissions the host contracts need (<see cref="IWorkPackageDirectory"/>, <see cref="IWorkPackageCreation"/>,
/// <see cref="INotificationInbox"/>) and the file link permissions that follow from them (<see cref="IFileLinkAuthorization"/>:
/// members of a project see its work packages' file links; <see cref="ProjectRole.Member"/>s manage them).
/// <see cref="CreateSeeded"/> gives the data the samples and tests start from. Thread-safe.
/// </summary>
public sealed partial class InMemoryWorkPackageHost : IWorkPackageDirectory, IWorkPackageCreation, INotificationInbox, IFileLinkAuthorization
{
    private readonly Lock _gate = new();
    private readonly Dictionary<HostUserId, HostUser> _users = [];
    private readonly Dictionary<HostUserId, UserAvatar> _avatars = [];
    private readonly Dictionary<long, HostProject> _projects = [];
    private readonly Dictionary<(HostUserId User, long Project), ProjectRole> _roles = [];
    private readonly Dictionary<long, WorkPackageStatus> _statuses = [];
    private readonly Dictionary<long, WorkPackageType> _types = [];
    private readonly Dictionary<long, WorkPackage> _workPackages = [];
    private readonly List<(HostUserId User, HostNotification Notification, bool Read)> _notifications = [];
    private readonly TimeProvider _time;
    private long _lastWorkPackageId = 100;

    /// <summary>Creates an empty host.</summary>
    /// <param name="timeProvider">The clock of creation times; the system clock when <see langword="null"/>.</param>
    public InMemoryWorkPackageHost(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

    /// <summary>Adds or replaces a user.</summary>
    /// <param name="user">The user.</param>
    /// <param name="avatar">Their avatar, if any.</param>
    public void AddUser(HostUser user, UserAvatar? avatar = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        lock (_gate)
        {
            _users[user.Id] = user;
            if (avatar is not null)
            {
                _avatars[user.Id] = avatar;
            }
        }
    }

    /// <summary>Adds or replaces a project.</summary>
    /// <param name="project">The project.</param>
    public void AddProject(HostProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        lock (_gate)
        {
            _projects[project.Id] = project;
        }
    }

    /// <summary>Makes a user a member of a project.</summary>
    /// <param name="user">The user.</param>
    /// <param name="projectId">The project.</param>
    /// <param name="role">What they may do.</param>
    public void Grant(HostUserId user, long projectId, ProjectRole role)
    {
        lock (_gate)
        {
            _roles[(user, projectId)] = role;
        }
    }

    /// <summary>Adds or replaces a status.</summary>
    /// <param name="status">The status.</param>
    public void AddStatus(WorkPackageStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        lock (_gate)
        {
            _statuses[status.Id] = status;
        }
    }

    /// <summary>Adds or replaces a type.</summary>
    /// <param name="type">The type.</param>
    public void AddType(WorkPackageType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        lock (_gate)
        {
            _types[type.Id] = type;
        }
    }

    /// <summary>Adds or replaces a work package.</summary>
    /// <param name="workPackage">The work package.</param>
    public void AddWorkPackage(WorkPackage workPackage)
    {
        ArgumentNullException.ThrowIfNull(workPackage);
        lock (_gate)
        {
            _workPackages[workPackage.Id] = workPackage;
            _lastWorkPackageId = Math.Max(_lastWorkPackageId, workPackage.Id);
        }
    }

    /// <summary>Adds an unread notification for a user.</summary>
    /// <param name="user">Who is notified.</param>
    /// <param name="notification">The notification.</param>
    public void AddNotification(HostUserId user, HostNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        lock (_gate)
        {
            _notifications.Add((user, notification, false));
        }
    }

    /// <summary>All work packages, whoever may see them (for tests).</summary>
    public IReadOnlyList<WorkPackage> WorkPackages
    {
        get
        {
            lock (_gate)
            {
                return [.. _workPackages.Values];
            }
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<WorkPackage>> SearchAsync(HostUserId user, string text, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        cancellationToken.ThrowIfCancellationRequested();
        var byId = long.TryParse(text.Trim().TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : (long?)null;
        lock (_gate)
        {
            IReadOnlyList<WorkPackage> found = [.. _workPackages.Values
                .Where(wp => CanSee(user, wp.Project.Id) && (wp.Id == byId || wp.Subject.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase)))
                .OrderByDescending(wp => wp.UpdatedAt)
                .Take(limit)];
            return Task.FromResult(found);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<WorkPackage>> GetAsync(HostUserId user, IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<WorkPackage> found = [.. ids.Distinct()
                .Select(id => _workPackages.GetValueOrDefault(id))
                .OfType<WorkPackage>()
                .Where(wp => CanSee(user, wp.Project.Id))];
            return Task.FromResult(found);
        }
    }

    /// <inheritdoc/>
    public Task<WorkPackageStatus?> GetStatusAsync(long id, CancellationToken cancellationToken = default) => Read(() => _statuses.GetValueOrDefault(id), cancellationToken);

    /// <inheritdoc/>
    public Task<WorkPackageType?> GetTypeAsync(long id, CancellationToken cancellationToken = default) => Read(() => _types.GetValueOrDefault(id), cancellationToken);

    /// <inheritdoc/>
    public Task<HostUser?> GetUserAsync(HostUserId id, CancellationToken cancellationToken = default) => Read(() => _users.GetValueOrDefault(id), cancellationToken);

    /// <inheritdoc/>
    public Task<UserAvatar?> GetAvatarAsync(HostUserId id, CancellationToken cancellationToken = default) => Read(() => _avatars.GetValueOrDefault(id), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<HostProject>> GetProjectsAsync(HostUserId user, string? text, CancellationToken cancellationToken = default) =>
        Read<IReadOnlyList<HostProject>>(
            () => [.. _projects.Values
                .Where(p => CanManage(user, p.Id) && (string.IsNullOrEmpty(text) || p.Name.Contains(text, StringComparison.OrdinalIgnoreCase)))
                .OrderBy(p => p.ParentId.HasValue).ThenBy(p => p.Id)],
            cancellationToken);

    /// <inheritdoc/>
    public Task<WorkPackageForm?> GetFormAsync(HostUserId user, WorkPackageDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return Read(() => FormOf(user, draft), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<HostUser>?> GetAssigneesAsync(HostUserId user, long projectId, CancellationToken cancellationToken = default) =>
        Read<IReadOnlyList<HostUser>?>(
            () => !CanSee(user, projectId) ? null : [.. _roles.Where(r => r.Key.Project == projectId && r.Value == ProjectRole.Member).Select(r => _users.GetValueOrDefault(r.Key.User)).OfType<HostUser>().OrderBy(u => u.Name, StringComparer.Ordinal)],
            cancellationToken);

    /// <inheritdoc/>
    public Task<WorkPackageCreation> CreateAsync(HostUserId user, WorkPackageDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var form = FormOf(user, draft);
            if (form is null)
            {
                return Task.FromResult(new WorkPackageCreation { ValidationErrors = [new("project", "Project is not a project where you may create work packages.")] });
            }

            if (form.ValidationErrors.Count > 0)
            {
                return Task.FromResult(new WorkPackageCreation { ValidationErrors = form.ValidationErrors });
            }

            var now = _time.GetUtcNow();
            var created = new WorkPackage
            {
                Id = ++_lastWorkPackageId,
                Subject = draft.Subject.Trim(),
                Description = draft.Description,
                Project = form.Project,
                Type = _types[form.Payload.TypeId!.Value],
                Status = _statuses[form.Payload.StatusId!.Value],
                Assignee = draft.AssigneeId is { } assignee ? _users[assignee] : null,
                Author = _users.GetValueOrDefault(user),
                CreatedAt = now,
                UpdatedAt = now,
            };
            _workPackages[created.Id] = created;
            return Task.FromResult(new WorkPackageCreation { Created = created });
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<HostNotification>> ListUnreadAsync(HostUserId user, CancellationToken cancellationToken = default) =>
        Read<IReadOnlyList<HostNotification>>(
            () => [.. _notifications.Where(n => n.User == user && !n.Read && CanSee(user, n.Notification.Project.Id)).Select(n => n.Notification).OrderByDescending(n => n.CreatedAt)],
            cancellationToken);

    /// <inheritdoc/>
    public Task<int> MarkReadAsync(HostUserId user, long workPackageId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var marked = 0;
            for (var i = 0; i < _notifications.Count; i++)
            {
                var (owner, notification, read) = _notifications[i];
                if (owner == user && !read && notification.WorkPackageId == workPackageId)
                {
                    _notifications[i] = (owner, notification, true);
                    marked++;
                }
            }

            return Task.FromResult(marked);
        }
    }

    /// <inheritdoc/>
    public ValueTask<bool> CanViewFileLinksAsync(HostUserId user, ContainerRef container, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ProjectOf(container) is { } project && Locked(() => CanSee(user, project)));

    /// <inheritdoc/>
    public ValueTask<bool> CanManageFileLinksAsync(HostUserId user, ContainerRef container, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ProjectOf(container) is { } project && Locked(() => CanManage(user, project)));

    private long? ProjectOf(ContainerRef container) =>
        container.Type == ContainerRef.WorkPackageType
        && long.TryParse(container.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
        && Locked(() => _workPackages.GetValueOrDefault(id)) is { } wp
            ? wp.Project.Id
            : null;

    private WorkPackageForm? FormOf(HostUserId user, WorkPackageDraft draft)
    {
        if (!_projects.TryGetValue(draft.ProjectId, out var project) || !CanManage(user, project.Id))
        {
            return null;
        }

        var types = _types.Values.OrderBy(t => t.Id).ToList();
        var statuses = _statuses.Values.OrderBy(s => s.Id).ToList();
        var payload = draft with
        {
            TypeId = draft.TypeId ?? types.FirstOrDefault(t => t.IsDefault)?.Id ?? types.FirstOrDefault()?.Id,
            StatusId = draft.StatusId ?? statuses.FirstOrDefault(s => s.IsDefault)?.Id ?? statuses.FirstOrDefault()?.Id,
        };
        var errors = new List<WorkPackageValidationError>();
        if (string.IsNullOrWhiteSpace(draft.Subject))
        {
            errors.Add(new("subject", "Subject can't be blank."));
        }
        else if (draft.Subject.Length > 255)
        {
            errors.Add(new("subject", "Subject is too long (maximum is 255 characters)."));
        }

        if (payload.TypeId is not { } type || !_types.ContainsKey(type))
        {
            errors.Add(new("type", "Type is not set to one of the allowed values."));
        }

        if (payload.StatusId is not { } status || !_statuses.ContainsKey(status))
        {
            errors.Add(new("status", "Status is not set to one of the allowed values."));
        }

        if (draft.AssigneeId is { } assignee && (!_users.ContainsKey(assignee) || !_roles.TryGetValue((assignee, project.Id), out var role) || role != ProjectRole.Member))
        {
            errors.Add(new("assignee", "Assignee is not set to one of the allowed values."));
        }

        return new WorkPackageForm { Project = project, Types = types, Statuses = statuses, Payload = payload, ValidationErrors = errors };
    }

    private bool CanSee(HostUserId user, long project) => _roles.ContainsKey((user, project));

    private bool CanManage(HostUserId user, long project) => _roles.TryGetValue((user, project), out var role) && role == ProjectRole.Member;

    private T Locked<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }

    private Task<T> Read<T>(Func<T> read, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Locked(read));
    }
}
