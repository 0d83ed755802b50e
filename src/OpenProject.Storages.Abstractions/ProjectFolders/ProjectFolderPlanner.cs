using System.Globalization;

namespace OpenProject.Storages.ProjectFolders;

/// <summary>
/// Compares the desired state with the storage's current state and plans the changes, without
/// touching the storage. The plan follows OpenProject's managed folder upkeep: root access first,
/// then per project create or rename (a rename is a move: same id, same content) and permissions,
/// then hiding folders no active project claims (they are never deleted), then group membership.
/// The root's access list and group membership are planned only with a <see cref="ProjectFolderDesiredState.GroupId"/>
/// (Nextcloud); without one (OneDrive) a folder's access list is its members' rules alone, and a hidden folder has none.
/// </summary>
/// <remarks>
/// Planning is idempotent: with nothing changed, a second plan is empty. Access lists compare as
/// sets, so the order a storage returns rules in does not matter. A project without a usable folder
/// id whose folder exists under the expected name adopts it instead of creating a second one.
/// Two projects claiming one folder get refused steps (<see cref="ProjectFolderErrorCodes.FolderIdCollision"/>)
/// and their folder is left as it is, as is a folder carrying the expected name of one of them.
/// </remarks>
public static class ProjectFolderPlanner
{
    /// <summary>Plans the changes.</summary>
    /// <param name="desired">What the host wants.</param>
    /// <param name="current">The managed root as it is.</param>
    /// <param name="groupMembers">The group's current members, or <see langword="null"/> when they could not be read or there is no group (no membership step is planned then).</param>
    /// <param name="grantable">
    /// For a storage that grants roles rather than single permissions: what it grants for a member's permissions
    /// (<see cref="IProjectFolderPermissionRoles.ToGrantable"/>); members' rules carry that, and a member it grants
    /// nothing gets no rule. <see langword="null"/>: members' permissions are stored as they are.
    /// </param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentException">Two projects have the same id, a required value is empty, or a group is given without a technical user.</exception>
    public static ProjectFolderPlan Plan(ProjectFolderDesiredState desired, ManagedRootState current, IReadOnlyCollection<string>? groupMembers, Func<StoragePermissions, StoragePermissions>? grantable = null)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(current);
        if (desired.TechnicalUserId is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(desired.TechnicalUserId);
        }

        if (desired.GroupId is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(desired.GroupId);
            if (desired.TechnicalUserId is null)
            {
                throw new ArgumentException("A group needs the technical user: the root's access list gives both access.", nameof(desired));
            }
        }

        ArgumentNullException.ThrowIfNull(desired.Projects);

        var planner = new Builder(desired, current, grantable);
        planner.PlanRoot();
        planner.PlanProjects();
        planner.PlanUnclaimedFolders();
        if (groupMembers is not null && desired.GroupId is not null)
        {
            planner.PlanGroup(groupMembers);
        }

        return new ProjectFolderPlan
        {
            TechnicalUserId = desired.TechnicalUserId,
            GroupId = desired.GroupId,
            RootId = current.RootId,
            Steps = planner.Steps,
            AdoptedFolderIds = planner.Adopted,
            SkippedMembers = planner.Skipped,
            GroupMembersKnown = groupMembers is not null,
        };
    }

    /// <summary>Whether two access lists grant the same, whatever their order.</summary>
    /// <param name="left">One list.</param>
    /// <param name="right">The other.</param>
    /// <returns><see langword="true"/> when they hold the same rules.</returns>
    public static bool SameAccessRules(IReadOnlyCollection<FolderAccessRule> left, IReadOnlyCollection<FolderAccessRule> right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (left.Count != right.Count)
        {
            return false;
        }

        var set = new HashSet<FolderAccessRule>(left);
        return set.Count == left.Count && set.SetEquals(right);
    }

    /// <summary>The root's access list: the technical user may do everything, the group may read.</summary>
    /// <param name="technicalUserId">The technical user.</param>
    /// <param name="groupId">The group.</param>
    /// <returns>The list.</returns>
    public static IReadOnlyList<FolderAccessRule> RootAccessRules(string technicalUserId, string groupId) =>
        [FolderAccessRule.ForUser(technicalUserId, StoragePermissions.All), FolderAccessRule.ForGroup(groupId, StoragePermissions.Read)];

    /// <summary>The access list of a hidden folder: only the technical user keeps access (no rule at all without one).</summary>
    /// <param name="technicalUserId">The technical user, or <see langword="null"/> when it needs no rule.</param>
    /// <param name="groupId">The group, or <see langword="null"/> when there is none.</param>
    /// <returns>The list.</returns>
    public static IReadOnlyList<FolderAccessRule> HiddenAccessRules(string? technicalUserId, string? groupId)
    {
        var rules = new List<FolderAccessRule>(2);
        if (technicalUserId is not null)
        {
            rules.Add(FolderAccessRule.ForUser(technicalUserId, StoragePermissions.All));
        }

        if (groupId is not null)
        {
            rules.Add(FolderAccessRule.ForGroup(groupId, StoragePermissions.None));
        }

        return rules;
    }

    private sealed class Builder(ProjectFolderDesiredState desired, ManagedRootState current, Func<StoragePermissions, StoragePermissions>? grantable)
    {
        private readonly Dictionary<FileId, ProjectFolderEntry> _byId = current.Folders.ToDictionary(folder => folder.Id);
        private readonly Dictionary<string, ProjectFolderEntry> _byName = ByName(current);
        private readonly HashSet<FileId> _claimed = [];
        private readonly IReadOnlyList<FolderAccessRule> _hidden = HiddenAccessRules(desired.TechnicalUserId, desired.GroupId);
        private int? _root;

        public List<ProjectFolderStep> Steps { get; } = [];

        // The first folder of each name, names compared as the storage compares them.
        private static Dictionary<string, ProjectFolderEntry> ByName(ManagedRootState current)
        {
            var names = current.NamesIgnoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
            return current.Folders.DistinctBy(folder => folder.Name, names).ToDictionary(folder => folder.Name, names);
        }

        public Dictionary<string, FileId> Adopted { get; } = new(StringComparer.Ordinal);

        public List<SkippedProjectMember> Skipped { get; } = [];

        // Only the technical user keeps access to a hidden folder; without one, only the storage's owners do.
        private string OnlyKeepsAccess => desired.TechnicalUserId is { } technical ? $"only {technical} keeps access" : "only the storage's owners keep access";

        public void PlanRoot()
        {
            if (desired.GroupId is null || desired.TechnicalUserId is null)
            {
                // Without a group the root's access list belongs to the storage's administrators (OneDrive: the library's).
                return;
            }

            var rules = RootAccessRules(desired.TechnicalUserId, desired.GroupId);
            if (!SameAccessRules(current.RootAccessRules, rules))
            {
                _root = Add(new ProjectFolderStep
                {
                    Id = Steps.Count,
                    Kind = ProjectFolderStepKind.EnsureRootAccess,
                    Description = $"Set the team folder root's permissions: {desired.TechnicalUserId} all, group {desired.GroupId} read only",
                    FolderId = current.RootId,
                    AccessRules = rules,
                });
            }
        }

        public void PlanProjects()
        {
            var claims = new Dictionary<FileId, List<ManagedProject>>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var project in desired.Projects)
            {
                ArgumentNullException.ThrowIfNull(project);
                ArgumentException.ThrowIfNullOrWhiteSpace(project.ProjectId);
                if (!ids.Add(project.ProjectId))
                {
                    throw new ArgumentException($"Project '{project.ProjectId}' appears twice in the desired state.", nameof(desired));
                }

                if (project.FolderId is { } id && _byId.ContainsKey(id))
                {
                    _claimed.Add(id);
                    if (!claims.TryGetValue(id, out var claimants))
                    {
                        claimants = [];
                        claims.Add(id, claimants);
                    }

                    claimants.Add(project);
                }
            }

            foreach (var project in desired.Projects)
            {
                if (project.FolderId is { } id && claims.TryGetValue(id, out var claimants) && claimants.Count > 1)
                {
                    PlanCollision(project, _byId[id], claimants);
                }
                else if (project.IsActive)
                {
                    PlanActive(project);
                }
                else if (project.FolderId is { } inactiveId && _byId.TryGetValue(inactiveId, out var folder))
                {
                    Hide(folder, project.ProjectId, $"Hide the folder '{folder.Name}' of inactive project {project.ProjectId}: {OnlyKeepsAccess}");
                }
            }
        }

        public void PlanUnclaimedFolders()
        {
            foreach (var folder in current.Folders)
            {
                if (!_claimed.Contains(folder.Id))
                {
                    Hide(folder, projectId: null, $"Hide the folder '{folder.Name}', which no active project claims: {OnlyKeepsAccess}");
                }
            }
        }

        public void PlanGroup(IReadOnlyCollection<string> groupMembers)
        {
            var wanted = new HashSet<string>(StringComparer.Ordinal);
            if (desired.GroupMembers is { } explicitMembers)
            {
                wanted.UnionWith(explicitMembers.Where(id => !string.IsNullOrWhiteSpace(id)));
            }
            else
            {
                foreach (var project in desired.Projects.Where(project => project.IsActive))
                {
                    foreach (var member in project.Members)
                    {
                        if (!string.IsNullOrWhiteSpace(member.StorageUserId))
                        {
                            wanted.Add(member.StorageUserId);
                        }
                    }
                }
            }

            if (desired.TechnicalUserId is { } technical)
            {
                wanted.Remove(technical);
            }

            var present = new HashSet<string>(groupMembers, StringComparer.Ordinal);
            foreach (var user in wanted.Where(user => !present.Contains(user)).Order(StringComparer.Ordinal))
            {
                Add(new ProjectFolderStep
                {
                    Id = Steps.Count,
                    Kind = ProjectFolderStepKind.AddGroupMember,
                    Description = $"Add {user} to group {desired.GroupId}",
                    UserId = user,
                    DependsOn = _root,
                });
            }

            foreach (var user in present.Where(user => !wanted.Contains(user) && !string.Equals(user, desired.TechnicalUserId, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                Add(new ProjectFolderStep
                {
                    Id = Steps.Count,
                    Kind = ProjectFolderStepKind.RemoveGroupMember,
                    Description = $"Remove {user} from group {desired.GroupId}",
                    UserId = user,
                    DependsOn = _root,
                });
            }
        }

        private void PlanActive(ManagedProject project)
        {
            var name = ProjectFolderName.For(project.Name, project.ProjectId, desired.ForbiddenNameCharacters);
            var rules = MemberRules(project);
            if (project.FolderId is { } id && _byId.TryGetValue(id, out var folder))
            {
                PlanExisting(project, folder, name, rules);
                return;
            }

            if (_byName.TryGetValue(name, out var existing) && _claimed.Add(existing.Id))
            {
                // Where the storage ignores case, the folder found may be named in another case: it is renamed like any other.
                Adopted[project.ProjectId] = existing.Id;
                PlanExisting(project, existing, name, rules);
                return;
            }

            var create = Add(new ProjectFolderStep
            {
                Id = Steps.Count,
                Kind = ProjectFolderStepKind.CreateFolder,
                Description = $"Create the folder '{name}' for project {project.ProjectId}",
                ProjectId = project.ProjectId,
                FolderName = name,
                DependsOn = _root,
            });
            SetPermissions(project, folderId: null, name, [], rules, dependsOn: create, runsAfter: null);
        }

        // The project's folder exists: it takes the project's current name, then the members' permissions.
        private void PlanExisting(ManagedProject project, ProjectFolderEntry folder, string name, List<FolderAccessRule> rules)
        {
            int? rename = null;
            if (!string.Equals(folder.Name, name, StringComparison.Ordinal))
            {
                rename = Add(new ProjectFolderStep
                {
                    Id = Steps.Count,
                    Kind = ProjectFolderStepKind.RenameFolder,
                    Description = $"Rename the folder of project {project.ProjectId} from '{folder.Name}' to '{name}'",
                    ProjectId = project.ProjectId,
                    FolderId = folder.Id,
                    FolderName = folder.Name,
                    NewName = name,
                    DependsOn = _root,
                });
            }

            SetPermissions(project, folder.Id, rename is null ? folder.Name : name, folder.AccessRules, rules, dependsOn: _root, runsAfter: rename);
        }

        private void PlanCollision(ManagedProject project, ProjectFolderEntry folder, List<ManagedProject> claimants)
        {
            // The project's correctly named folder may be its real one: leave it alone rather than hide it.
            if (project.IsActive && _byName.TryGetValue(ProjectFolderName.For(project.Name, project.ProjectId, desired.ForbiddenNameCharacters), out var own))
            {
                _claimed.Add(own.Id);
            }

            var others = string.Join(", ", claimants.Where(other => !ReferenceEquals(other, project)).Select(other => other.ProjectId));
            Add(new ProjectFolderStep
            {
                Id = Steps.Count,
                Kind = project.IsActive ? ProjectFolderStepKind.SetPermissions : ProjectFolderStepKind.HideFolder,
                Description = $"Update the folder '{folder.Name}' of project {project.ProjectId}",
                ProjectId = project.ProjectId,
                FolderId = folder.Id,
                FolderName = folder.Name,
                RefusalCode = ProjectFolderErrorCodes.FolderIdCollision,
                RefusalMessage = string.Create(CultureInfo.InvariantCulture, $"Project {project.ProjectId} and project {others} both use folder '{folder.Name}' (id {folder.Id}). Neither folder's name or permissions were changed. Set a different project folder, or clear the folder id, for all but one of these projects."),
            });
        }

        private void SetPermissions(ManagedProject project, FileId? folderId, string folderName, IReadOnlyList<FolderAccessRule> currentRules, List<FolderAccessRule> rules, int? dependsOn, int? runsAfter)
        {
            if (folderId is not null && SameAccessRules(currentRules, rules))
            {
                return;
            }

            Add(new ProjectFolderStep
            {
                Id = Steps.Count,
                Kind = ProjectFolderStepKind.SetPermissions,
                Description = string.Create(CultureInfo.InvariantCulture, $"Set the permissions of folder '{folderName}' for project {project.ProjectId} ({rules.Count(rule => rule.Target == FolderAccessTarget.User && !string.Equals(rule.TargetId, desired.TechnicalUserId, StringComparison.Ordinal))} members)"),
                ProjectId = project.ProjectId,
                FolderId = folderId,
                FolderName = folderName,
                AccessRules = rules,
                DependsOn = dependsOn,
                RunsAfter = runsAfter,
            });
        }

        private void Hide(ProjectFolderEntry folder, string? projectId, string description)
        {
            if (SameAccessRules(folder.AccessRules, _hidden))
            {
                return;
            }

            Add(new ProjectFolderStep
            {
                Id = Steps.Count,
                Kind = ProjectFolderStepKind.HideFolder,
                Description = description,
                ProjectId = projectId,
                FolderId = folder.Id,
                FolderName = folder.Name,
                AccessRules = _hidden,
                DependsOn = _root,
            });
        }

        private List<FolderAccessRule> MemberRules(ManagedProject project)
        {
            var permissions = new Dictionary<string, StoragePermissions>(project.Members.Count, StringComparer.Ordinal);
            foreach (var member in project.Members)
            {
                ArgumentNullException.ThrowIfNull(member);
                if (string.IsNullOrWhiteSpace(member.StorageUserId))
                {
                    Skipped.Add(new SkippedProjectMember
                    {
                        ProjectId = project.ProjectId,
                        User = member.User,
                        Reason = $"{member.User} has not connected their storage account, so they have no access to the folder of project {project.ProjectId}. They get it on the first run after they connect.",
                    });
                    continue;
                }

                if (string.Equals(member.StorageUserId, desired.TechnicalUserId, StringComparison.Ordinal))
                {
                    continue;
                }

                permissions[member.StorageUserId] = permissions.GetValueOrDefault(member.StorageUserId) | member.Permissions;
            }

            var rules = new List<FolderAccessRule>(HiddenAccessRules(desired.TechnicalUserId, desired.GroupId));
            foreach (var (user, wanted) in permissions)
            {
                var granted = grantable is null ? wanted : grantable(wanted) & StoragePermissions.All;
                if (grantable is null || granted != StoragePermissions.None)
                {
                    rules.Add(FolderAccessRule.ForUser(user, granted));
                }
            }

            return rules;
        }

        private int Add(ProjectFolderStep step)
        {
            Steps.Add(step);
            return step.Id;
        }
    }
}
