using OpenProject.Storages.WorkPackages;

namespace OpenProject.Storages.Testing;

public sealed partial class InMemoryWorkPackageHost
{
    /// <summary>Alice Anderson (id 7): member of projects 3 and 4, with an avatar and three unread notifications.</summary>
    public static readonly HostUserId Alice = new("7");

    /// <summary>Bob Builder (id 8): viewer of project 3, not in project 4.</summary>
    public static readonly HostUserId Bob = new("8");

    /// <summary>
    /// A host with the data the samples and tests start from: users <see cref="Alice"/> and <see cref="Bob"/>;
    /// project 3 "Nextcloud Integration" and its child 4 "Integration Docs"; statuses 1 New, 7 In progress,
    /// 12 Closed; types 1 Task, 2 Milestone, 6 Bug; work packages 42 and 43 in project 3 and 44 in project 4;
    /// Alice's unread notifications about 42 (two) and 43.
    /// </summary>
    /// <param name="timeProvider">The clock of creation times; the system clock when <see langword="null"/>.</param>
    /// <returns>The host.</returns>
    public static InMemoryWorkPackageHost CreateSeeded(TimeProvider? timeProvider = null)
    {
        var host = new InMemoryWorkPackageHost(timeProvider);
        var alice = new HostUser { Id = Alice, FirstName = "Alice", LastName = "Anderson", Login = "alice" };
        var bob = new HostUser { Id = Bob, FirstName = "Bob", LastName = "Builder", Login = "bob" };
        host.AddUser(alice, new UserAvatar { Content = SolidPng.Create(16, 0x1A, 0x67, 0xA3), MediaType = "image/png" });
        host.AddUser(bob);

        var integration = new HostProject { Id = 3, Name = "Nextcloud Integration", Identifier = "nc-integration" };
        var docs = new HostProject { Id = 4, Name = "Integration Docs", Identifier = "nc-integration-docs", ParentId = 3 };
        host.AddProject(integration);
        host.AddProject(docs);
        host.Grant(Alice, 3, ProjectRole.Member);
        host.Grant(Alice, 4, ProjectRole.Member);
        host.Grant(Bob, 3, ProjectRole.Viewer);

        var newStatus = new WorkPackageStatus { Id = 1, Name = "New", Color = "#1A67A3", IsDefault = true };
        var inProgress = new WorkPackageStatus { Id = 7, Name = "In progress", Color = "#F98E2B" };
        host.AddStatus(newStatus);
        host.AddStatus(inProgress);
        host.AddStatus(new WorkPackageStatus { Id = 12, Name = "Closed", Color = "#8C8C8C", IsClosed = true });
        var task = new WorkPackageType { Id = 1, Name = "Task", Color = "#1A67A3", IsDefault = true };
        host.AddType(task);
        host.AddType(new WorkPackageType { Id = 2, Name = "Milestone", Color = "#35C53F", IsMilestone = true });
        var bug = new WorkPackageType { Id = 6, Name = "Bug", Color = "#C92A2A" };
        host.AddType(bug);

        var created = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        host.AddWorkPackage(new WorkPackage { Id = 42, Subject = "Write the integration spec", Project = integration, Type = task, Status = inProgress, Assignee = alice, Author = alice, CreatedAt = created, UpdatedAt = created.AddDays(3) });
        host.AddWorkPackage(new WorkPackage { Id = 43, Subject = "Review storage settings", Project = integration, Type = bug, Status = newStatus, Author = bob, CreatedAt = created, UpdatedAt = created.AddDays(2) });
        host.AddWorkPackage(new WorkPackage { Id = 44, Subject = "Document the team folder", Project = docs, Type = task, Status = newStatus, Assignee = alice, Author = alice, CreatedAt = created, UpdatedAt = created.AddDays(1) });

        host.AddNotification(Alice, new HostNotification { Id = 501, WorkPackageId = 42, WorkPackageSubject = "Write the integration spec", Project = integration, Actor = bob, Reason = "mentioned", CreatedAt = created.AddDays(3) });
        host.AddNotification(Alice, new HostNotification { Id = 502, WorkPackageId = 42, WorkPackageSubject = "Write the integration spec", Project = integration, Actor = bob, Reason = "assigned", CreatedAt = created.AddDays(2) });
        host.AddNotification(Alice, new HostNotification { Id = 503, WorkPackageId = 43, WorkPackageSubject = "Review storage settings", Project = integration, Actor = bob, Reason = "watched", CreatedAt = created.AddDays(1) });
        return host;
    }
}
