using BenchmarkDotNet.Attributes;
using OpenProject.Storages.ProjectFolders;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Benchmarks.ProjectFolders;

/// <summary>
/// Planning project folders for <see cref="Projects"/> projects with <see cref="MembersPerProject"/>
/// members each (drawn from 2,000 storage users) against an in-memory current state: with nothing
/// changed, and with ten changes (one renamed project, nine members whose permissions changed).
/// <see cref="SyncNoChangeInMemory"/> runs the whole sync (read, plan, apply) against the
/// in-memory team folder and returns the writing requests it sent: zero.
/// </summary>
[MemoryDiagnoser]
public class ProjectFolderPlanBenchmark
{
    private const string Tech = "OpenProject";
    private const string Group = "OpenProject";
    private const int Users = 2_000;

    private ProjectFolderDesiredState _desired = null!;
    private ProjectFolderDesiredState _changed = null!;
    private ManagedRootState _current = null!;
    private string[] _groupMembers = null!;
    private ProjectFolderSynchronizer _synchronizer = null!;

    [Params(1_000)]
    public int Projects { get; set; }

    [Params(200)]
    public int MembersPerProject { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var projects = new ManagedProject[Projects];
        var folders = new ProjectFolderEntry[Projects];
        var storage = new InMemoryProjectFolderStorage(Tech, Group);
        for (var u = 0; u < Users; u++)
        {
            storage.AddUser(UserId(u));
            storage.AddToGroup(Group, UserId(u));
        }

        storage.ReplaceRules(storage.RootId, ProjectFolderPlanner.RootAccessRules(Tech, Group));
        for (var p = 0; p < Projects; p++)
        {
            var members = new ProjectFolderMember[MembersPerProject];
            var rules = new List<FolderAccessRule> { FolderAccessRule.ForGroup(Group, StoragePermissions.None), FolderAccessRule.ForUser(Tech, StoragePermissions.All) };
            for (var m = 0; m < MembersPerProject; m++)
            {
                var user = ((p * 7) + m) % Users;
                var permissions = m == 0 ? StoragePermissions.All : (m % 3 == 0 ? StoragePermissions.Read : StoragePermissions.Read | StoragePermissions.Write | StoragePermissions.Create);
                members[m] = new ProjectFolderMember { User = new HostUserId($"h{user}"), StorageUserId = UserId(user), Permissions = permissions };
                rules.Add(FolderAccessRule.ForUser(UserId(user), permissions));
            }

            var name = ProjectFolderName.For($"Project {p}", $"{p}");
            var folder = storage.AddFolder(name, rules);
            folders[p] = folder;
            projects[p] = new ManagedProject { ProjectId = $"{p}", Name = $"Project {p}", FolderId = folder.Id, Members = members };
        }

        _desired = new ProjectFolderDesiredState { TechnicalUserId = Tech, GroupId = Group, Projects = projects, GroupMembers = [.. Enumerable.Range(0, Users).Select(UserId)] };
        var changed = projects.ToArray();
        changed[0] = changed[0] with { Name = "Project zero" };
        for (var p = 1; p < 10; p++)
        {
            var members = changed[p * 100].Members.ToArray();
            members[1] = members[1] with { Permissions = StoragePermissions.All };
            changed[p * 100] = changed[p * 100] with { Members = members };
        }

        _changed = _desired with { Projects = changed };
        _current = new ManagedRootState { RootId = storage.RootId, RootAccessRules = storage.RootAccessRules, Folders = folders };
        _groupMembers = [Tech, .. Enumerable.Range(0, Users).Select(UserId)];
        _synchronizer = new ProjectFolderSynchronizer(storage);
        if (PlanNoChange() != 0 || PlanTenChanges() != 10 || SyncNoChangeInMemory().GetAwaiter().GetResult() != 0 || storage.WriteRequestCount != 0)
        {
            throw new InvalidOperationException("The benchmark's current state does not match its desired state.");
        }
    }

    [Benchmark(Baseline = true)]
    public int PlanNoChange() => ProjectFolderPlanner.Plan(_desired, _current, _groupMembers).Steps.Count;

    [Benchmark]
    public int PlanTenChanges() => ProjectFolderPlanner.Plan(_changed, _current, _groupMembers).Steps.Count;

    [Benchmark]
    public async Task<int> SyncNoChangeInMemory()
    {
        var report = await _synchronizer.SynchronizeAsync(_desired);
        return report.WriteRequests;
    }

    private static string UserId(int index) => $"user{index:D4}";
}
