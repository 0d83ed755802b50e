using System.Globalization;
using OpenProject.Storages.WebSample.Host;
using OpenProject.Storages.WorkPackages;
using ApiProject = OpenProject.Storages.WorkPackages.HostProject;
using ApiUser = OpenProject.Storages.WorkPackages.HostUser;

namespace OpenProject.Storages.WebSample.Integration;

/// <summary>
/// The host contracts behind the Nextcloud app endpoints (<c>MapNextcloudIntegration</c>), over the sample's own
/// <see cref="HostDirectory"/>: the work packages a user may see (every user of the directory is a project member), the create
/// dialog (for users who manage files), and the notification inbox. The sample's work packages have no status or type of their
/// own, so each is a "Task" in status "New"; the sample sends no notifications, so the inbox is empty.
/// </summary>
public sealed class SampleWorkPackages(HostDirectory directory) : IWorkPackageDirectory, IWorkPackageCreation, INotificationInbox
{
    private static readonly WorkPackageStatus NewStatus = new() { Id = 1, Name = "New", Color = "#1A67A3", IsDefault = true };
    private static readonly WorkPackageType TaskType = new() { Id = 1, Name = "Task", Color = "#1A67A3", IsDefault = true };

    public Task<IReadOnlyList<WorkPackage>> SearchAsync(HostUserId user, string text, int limit, CancellationToken cancellationToken = default)
    {
        var number = long.TryParse(text.Trim().TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : (long?)null;
        IReadOnlyList<WorkPackage> found = [.. Visible(user)
            .Where(workPackage => workPackage.Number == number || workPackage.Subject.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(workPackage => workPackage.CreatedAt)
            .Take(limit)
            .Select(ToApi)];
        return Task.FromResult(found);
    }

    public Task<IReadOnlyList<WorkPackage>> GetAsync(HostUserId user, IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<WorkPackage> found = [.. Visible(user).Where(workPackage => ids.Contains(workPackage.Number)).Select(ToApi)];
        return Task.FromResult(found);
    }

    public Task<WorkPackageStatus?> GetStatusAsync(long id, CancellationToken cancellationToken = default) =>
        Task.FromResult(id == NewStatus.Id ? NewStatus : null);

    public Task<WorkPackageType?> GetTypeAsync(long id, CancellationToken cancellationToken = default) =>
        Task.FromResult(id == TaskType.Id ? TaskType : null);

    public Task<ApiUser?> GetUserAsync(HostUserId id, CancellationToken cancellationToken = default) =>
        Task.FromResult(directory.FindUser(id.Value) is { } user ? ToApi(user) : null);

    /// <summary>The sample's users have no pictures: Nextcloud draws their initials.</summary>
    public Task<UserAvatar?> GetAvatarAsync(HostUserId id, CancellationToken cancellationToken = default) =>
        Task.FromResult<UserAvatar?>(null);

    public Task<IReadOnlyList<ApiProject>> GetProjectsAsync(HostUserId user, string? text, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ApiProject> projects = directory.FindUser(user.Value) is { ManagesFiles: true }
            ? [.. directory.Projects.Where(project => string.IsNullOrEmpty(text) || project.Name.Contains(text, StringComparison.OrdinalIgnoreCase)).Select(ToApi)]
            : [];
        return Task.FromResult(projects);
    }

    public Task<WorkPackageForm?> GetFormAsync(HostUserId user, WorkPackageDraft draft, CancellationToken cancellationToken = default) =>
        Task.FromResult(FormOf(user, draft));

    public Task<IReadOnlyList<ApiUser>?> GetAssigneesAsync(HostUserId user, long projectId, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ApiUser>? assignees = directory.FindUser(user.Value) is not null && ProjectOf(projectId) is not null
            ? [.. directory.Users.Where(member => member.ManagesFiles).Select(ToApi)]
            : null;
        return Task.FromResult(assignees);
    }

    public Task<WorkPackageCreation> CreateAsync(HostUserId user, WorkPackageDraft draft, CancellationToken cancellationToken = default)
    {
        var form = FormOf(user, draft);
        WorkPackageCreation creation = form switch
        {
            null => new() { ValidationErrors = [new("project", "Project is not a project where you may create work packages.")] },
            { ValidationErrors.Count: > 0 } => new() { ValidationErrors = form.ValidationErrors },
            _ => new() { Created = ToApi(directory.AddWorkPackage(ProjectOf(draft.ProjectId)!.Id, draft.Subject.Trim(), user.Value)) },
        };
        return Task.FromResult(creation);
    }

    public Task<IReadOnlyList<HostNotification>> ListUnreadAsync(HostUserId user, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<HostNotification>>([]);

    public Task<int> MarkReadAsync(HostUserId user, long workPackageId, CancellationToken cancellationToken = default) =>
        Task.FromResult(0);

    private WorkPackageForm? FormOf(HostUserId user, WorkPackageDraft draft)
    {
        if (ProjectOf(draft.ProjectId) is not { } project || directory.FindUser(user.Value) is not { ManagesFiles: true })
        {
            return null;
        }

        var payload = draft with { TypeId = draft.TypeId ?? TaskType.Id, StatusId = draft.StatusId ?? NewStatus.Id };
        var errors = new List<WorkPackageValidationError>();
        if (string.IsNullOrWhiteSpace(draft.Subject))
        {
            errors.Add(new("subject", "Subject can't be blank."));
        }

        if (payload.TypeId != TaskType.Id)
        {
            errors.Add(new("type", "Type is not set to one of the allowed values."));
        }

        if (payload.StatusId != NewStatus.Id)
        {
            errors.Add(new("status", "Status is not set to one of the allowed values."));
        }

        if (draft.AssigneeId is { } assignee && directory.FindUser(assignee.Value) is not { ManagesFiles: true })
        {
            errors.Add(new("assignee", "Assignee is not set to one of the allowed values."));
        }

        return new WorkPackageForm { Project = ToApi(project), Types = [TaskType], Statuses = [NewStatus], Payload = payload, ValidationErrors = errors };
    }

    private IEnumerable<HostWorkPackage> Visible(HostUserId user) =>
        directory.FindUser(user.Value) is null ? [] : directory.WorkPackages;

    private Host.HostProject? ProjectOf(long number) => directory.Projects.FirstOrDefault(project => project.Number == number);

    private WorkPackage ToApi(HostWorkPackage workPackage) => new()
    {
        Id = workPackage.Number,
        Subject = workPackage.Subject,
        Project = ToApi(directory.FindProject(workPackage.ProjectId)!),
        Type = TaskType,
        Status = NewStatus,
        Author = workPackage.AuthorId is { } author && directory.FindUser(author) is { } found ? ToApi(found) : null,
        CreatedAt = workPackage.CreatedAt,
        UpdatedAt = workPackage.CreatedAt,
    };

    private static ApiProject ToApi(Host.HostProject project) => new() { Id = project.Number, Name = project.Name, Identifier = project.Id };

    private static ApiUser ToApi(Host.HostUser user)
    {
        var space = user.Name.IndexOf(' ', StringComparison.Ordinal);
        return new ApiUser
        {
            Id = new HostUserId(user.Id),
            FirstName = space < 0 ? user.Name : user.Name[..space],
            LastName = space < 0 ? string.Empty : user.Name[(space + 1)..],
            Login = user.Id,
        };
    }
}
