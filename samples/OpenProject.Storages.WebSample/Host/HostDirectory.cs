using System.Globalization;

namespace OpenProject.Storages.WebSample.Host;

/// <summary>A host user of this app (not a Nextcloud user): string id, display name, and what they may do with files.</summary>
public sealed record HostUser(string Id, string Name, bool IsProjectAdmin, bool ManagesFiles);

/// <summary>A project of this app: its identifier, its name and its number (the id Nextcloud's integration app sees).</summary>
public sealed record HostProject(string Id, string Name, long Number);

/// <summary>A work package of this app; its files are linked through <see cref="ContainerRef.WorkPackage(string)"/>.</summary>
public sealed record HostWorkPackage(string Id, string ProjectId, string Subject, string? AuthorId, DateTimeOffset CreatedAt)
{
    public ContainerRef Container => ContainerRef.WorkPackage(Id);

    /// <summary>The id as a number (work package ids are numbers, as Nextcloud's integration app requires).</summary>
    public long Number => long.Parse(Id, NumberStyles.None, CultureInfo.InvariantCulture);
}

/// <summary>
/// The host's own small domain: seeded users, one project, its work packages and the project's default folder.
/// Kept as plain lookups by string id; the host contracts for the Nextcloud app (Integration/SampleWorkPackages) and the file link
/// permissions (<see cref="SamplePermissions"/>) are implemented on it.
/// </summary>
public sealed class HostDirectory
{
    private readonly Dictionary<string, StoragePath> defaultFolders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileId> projectFolders = new(StringComparer.Ordinal);
    private readonly List<HostWorkPackage> workPackages;
    private readonly Lock gate = new();

    public HostDirectory(TimeProvider? time = null)
    {
        Time = time ?? TimeProvider.System;
        var now = Time.GetUtcNow();
        workPackages =
        [
            new("1234", "apollo", "Design review", "alice", now),
            new("1235", "apollo", "Budget 2026", "alice", now),
        ];
    }

    public TimeProvider Time { get; }

    public IReadOnlyList<HostUser> Users { get; } =
    [
        new("alice", "Alice Adams", IsProjectAdmin: true, ManagesFiles: true),
        new("bob", "Bob Baker", IsProjectAdmin: false, ManagesFiles: false),
        new("carol", "Carol Clark", IsProjectAdmin: false, ManagesFiles: true),
    ];

    public IReadOnlyList<HostProject> Projects { get; } = [new("apollo", "Apollo", 1)];

    public IReadOnlyList<HostWorkPackage> WorkPackages
    {
        get
        {
            lock (gate)
            {
                return [.. workPackages];
            }
        }
    }

    public HostUser? FindUser(string id) => Users.FirstOrDefault(user => user.Id == id);

    public HostProject? FindProject(string id) => Projects.FirstOrDefault(project => project.Id == id);

    public HostWorkPackage? FindWorkPackage(string id) => WorkPackages.FirstOrDefault(workPackage => workPackage.Id == id);

    /// <summary>Adds a work package to a project, with the next free number.</summary>
    public HostWorkPackage AddWorkPackage(string projectId, string subject, string authorId)
    {
        lock (gate)
        {
            var id = (workPackages.Max(workPackage => workPackage.Number) + 1).ToString(CultureInfo.InvariantCulture);
            var created = new HostWorkPackage(id, projectId, subject, authorId, Time.GetUtcNow());
            workPackages.Add(created);
            return created;
        }
    }

    /// <summary>The folder the location picker opens in for this project (the root until an admin sets one).</summary>
    public StoragePath DefaultFolder(string projectId)
    {
        lock (gate)
        {
            return defaultFolders.TryGetValue(projectId, out var folder) ? folder : StoragePath.Root;
        }
    }

    public void SetDefaultFolder(string projectId, StoragePath folder)
    {
        lock (gate)
        {
            defaultFolders[projectId] = folder;
        }
    }

    /// <summary>The id of the project's automatically managed folder, once a sync has created it.</summary>
    public FileId? ProjectFolder(string projectId)
    {
        lock (gate)
        {
            return projectFolders.TryGetValue(projectId, out var folder) ? folder : null;
        }
    }

    public void SetProjectFolder(string projectId, FileId folder)
    {
        lock (gate)
        {
            projectFolders[projectId] = folder;
        }
    }
}
