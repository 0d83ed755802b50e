
namespace OpenProject.Storages.WebSample.Host;

/// <summary>A host user of this app (not a Nextcloud user): string id, display name.</summary>
public sealed record HostUser(string Id, string Name, bool IsProjectAdmin);

/// <summary>A project of this app, with the default folder its admin chose for the location picker.</summary>
public sealed record HostProject(string Id, string Name);

/// <summary>A work package of this app; its files are linked through <see cref="ContainerRef.WorkPackage(string)"/>.</summary>
public sealed record HostWorkPackage(string Id, string ProjectId, string Subject)
{
    public ContainerRef Container => ContainerRef.WorkPackage(Id);
}

/// <summary>
/// The host's own small domain: seeded users, one project, its work packages and the project's default folder.
/// Kept as plain lookups by string id so the host contracts for users, projects and work packages can be implemented on it.
/// </summary>
public sealed class HostDirectory
{
    private readonly Dictionary<string, StoragePath> defaultFolders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileId> projectFolders = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public IReadOnlyList<HostUser> Users { get; } =
    [
        new("alice", "Alice Adams", IsProjectAdmin: true),
        new("bob", "Bob Baker", IsProjectAdmin: false),
        new("carol", "Carol Clark", IsProjectAdmin: false),
    ];

    public IReadOnlyList<HostProject> Projects { get; } = [new("apollo", "Apollo")];

    public IReadOnlyList<HostWorkPackage> WorkPackages { get; } =
    [
        new("1234", "apollo", "Design review"),
        new("1235", "apollo", "Budget 2026"),
    ];

    public HostUser? FindUser(string id) => Users.FirstOrDefault(user => user.Id == id);

    public HostProject? FindProject(string id) => Projects.FirstOrDefault(project => project.Id == id);

    public HostWorkPackage? FindWorkPackage(string id) => WorkPackages.FirstOrDefault(workPackage => workPackage.Id == id);

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
