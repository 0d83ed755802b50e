using OpenProject.Storages.ProjectFolders;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Sample;

/// <summary>Automatically managed project folders: plan, apply, report, then a rename, an archive, a silent ACL failure and a no-op re-run.</summary>
internal static class ProjectFolderSync
{
    public static async Task RunAsync(Story story)
    {
        var teamFolder = new InMemoryProjectFolderStorage("OpenProject", "OpenProject");
        teamFolder.AddUser("alice");
        teamFolder.AddUser("bob");
        var synchronizer = new ProjectFolderSynchronizer(teamFolder);
        var apollo = new ManagedProject
        {
            ProjectId = "1",
            Name = "Apollo",
            Members =
            [
                new ProjectFolderMember { User = InMemoryWorld.Alice, StorageUserId = "alice", Permissions = StoragePermissions.All },
                new ProjectFolderMember { User = InMemoryWorld.Bob, StorageUserId = "bob", Permissions = StoragePermissions.Read },
                new ProjectFolderMember { User = InMemoryWorld.Carol, StorageUserId = null, Permissions = StoragePermissions.Read },
            ],
        };
        ProjectFolderDesiredState Desired() => new() { TechnicalUserId = "OpenProject", GroupId = "OpenProject", Projects = [apollo] };

        story.Step("P1. The host plans project folders (a dry run)");
        var plan = await synchronizer.PlanAsync(Desired());
        foreach (var step in plan.Steps)
        {
            story.Say(step.ToString());
        }

        story.Expect(plan.WriteCount == 5 && teamFolder.WriteRequestCount == 0, "five writes planned (root, create, permissions, two group members) and nothing written yet");

        story.Step("P2. It applies the plan and persists the new folder id");
        var report = await synchronizer.ApplyAsync(plan);
        apollo = apollo with { FolderId = report.FolderIds["1"] };
        story.Say($"{report.Outcome}: folder {apollo.FolderId} '{teamFolder.FindFolder(apollo.FolderId.Value)!.Name}'");
        foreach (var skipped in report.SkippedMembers)
        {
            story.Say($"skipped: {skipped.Reason}");
        }

        story.Expect(report.IsSuccess && report.SkippedMembers.Count == 1, "the sync succeeded and Carol, who has not connected, is listed");

        story.Step("P3. The project is renamed: its folder is moved, not created again");
        apollo = apollo with { Name = "Apollo / Moon" };
        report = await synchronizer.SynchronizeAsync(Desired());
        story.Say($"{report.Outcome}: '{teamFolder.FindFolder(apollo.FolderId.Value)!.Name}' with {report.WriteRequests} write");
        story.Expect(report.WriteRequests == 1 && teamFolder.Folders.Count == 1, "one MOVE, still one folder");

        story.Step("P4. Nextcloud ignores an ACL write (the technical user is not an ACL manager)");
        teamFolder.CanManageAccessRules = false;
        apollo = apollo with { Members = [apollo.Members[0]] };
        report = await synchronizer.SynchronizeAsync(Desired());
        foreach (var failure in report.Failures)
        {
            story.Say($"{failure.ErrorCode}: {failure.Message}");
        }

        story.Expect(report.Failures.Any(failure => failure.ErrorCode == ProjectFolderErrorCodes.AccessRulesNotApplied), "the read-back catches the ignored write");

        story.Step("P5. The administrator fixes it; the project is archived; then nothing changes");
        teamFolder.CanManageAccessRules = true;
        apollo = apollo with { IsActive = false };
        report = await synchronizer.SynchronizeAsync(Desired());
        story.Say($"{report.Outcome}: {string.Join("; ", report.Steps.Select(step => step.Step.Description))}");
        teamFolder.ResetRequestCounts();
        report = await synchronizer.SynchronizeAsync(Desired());
        story.Say($"re-run: {report.Steps.Count} steps, {teamFolder.WriteRequestCount} writes");
        story.Expect(report.IsSuccess && teamFolder.WriteRequestCount == 0 && teamFolder.Folders.Count == 1, "the archived folder is hidden, not deleted, and a re-run writes nothing");
    }
}
