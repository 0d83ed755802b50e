using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenProject.Storages.Internal;

namespace OpenProject.Storages.ProjectFolders;

/// <summary>
/// Keeps one folder per project in the storage's managed root (Nextcloud: the team folder; OneDrive: the drive's root), with the right people and permissions:
/// reads the current state, plans with <see cref="ProjectFolderPlanner"/>, applies the plan and
/// reports every step. Run it on a schedule and after membership or project changes; a run with
/// nothing to change sends no writing request.
/// </summary>
/// <remarks>
/// <para>
/// Steps of one folder run in order; different folders and group members run concurrently, at most
/// <see cref="ProjectFolderSyncOptions.MaxConcurrency"/> at a time. A failed step never stops the run:
/// only the steps that depend on it are skipped. The run is aborted only when the managed root
/// cannot be read or its permissions cannot be set, as in OpenProject.
/// </para>
/// <para>Every access list change is read back and compared, because a storage may answer success and store nothing.</para>
/// </remarks>
public sealed partial class ProjectFolderSynchronizer
{
    private readonly IProjectFolderStorage _storage;
    private readonly ProjectFolderSyncOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates a synchronizer.</summary>
    /// <param name="storage">The storage, acting as its technical user.</param>
    /// <param name="options">The options; defaults when <see langword="null"/>.</param>
    /// <param name="logger">The logger; optional.</param>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="ProjectFolderSyncOptions.MaxConcurrency"/> is less than 1.</exception>
    /// <exception cref="ArgumentException"><see cref="ProjectFolderSyncOptions.StateStore"/> is set without <see cref="ProjectFolderSyncOptions.StorageId"/>.</exception>
    public ProjectFolderSynchronizer(IProjectFolderStorage storage, ProjectFolderSyncOptions? options = null, ILogger<ProjectFolderSynchronizer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _storage = storage;
        _options = options ?? new ProjectFolderSyncOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxConcurrency, 1, nameof(options));
        if (_options.StateStore is not null && _options.StorageId is null)
        {
            throw new ArgumentException("ProjectFolderSyncOptions.StorageId is required with a StateStore: it names the storage whose folder ids are kept.", nameof(options));
        }

        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Reads the storage, plans and applies the changes, and reports.</summary>
    /// <param name="desired">What the host wants.</param>
    /// <param name="cancellationToken">Cancels the run; steps already applied stay applied.</param>
    /// <returns>The report; a failure of the storage is reported, not thrown.</returns>
    /// <exception cref="ArgumentException"><see cref="ProjectFolderDesiredState.GroupId"/> is set for a storage without <see cref="IProjectFolderGroups"/>.</exception>
    public Task<ProjectFolderSyncReport> SynchronizeAsync(ProjectFolderDesiredState desired, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(desired);
        RequireGroupSupport(desired);
        return Telemetry.RunAsync("project_folder_sync", _options.StorageId, async () =>
        {
            var report = await SynchronizeLockedAsync(desired, cancellationToken).ConfigureAwait(false);
            Telemetry.RecordSync(_options.StorageId, report);
            return report;
        }, cancellationToken);
    }

    private async Task<ProjectFolderSyncReport> SynchronizeLockedAsync(ProjectFolderDesiredState desired, CancellationToken cancellationToken)
    {
        if (_options.SyncLock is not { } syncLock)
        {
            return await SynchronizeUnlockedAsync(desired, cancellationToken).ConfigureAwait(false);
        }

        IAsyncDisposable? held;
        try
        {
            held = await syncLock.TryAcquireAsync(_options.SyncLockName, _options.SyncLockLease, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException error)
        {
            var message = $"The sync lock could not be taken, so nothing was changed: {error.Message}";
            LogAborted(error.Code, message, error);
            return new ProjectFolderSyncReport { Outcome = ProjectFolderSyncOutcome.Aborted, AbortCode = error.Code, AbortMessage = message };
        }

        if (held is null)
        {
            return new ProjectFolderSyncReport
            {
                Outcome = ProjectFolderSyncOutcome.Skipped,
                AbortMessage = "Another app instance is synchronizing these project folders; this run changed nothing.",
            };
        }

        await using (held.ConfigureAwait(false))
        {
            return await SynchronizeUnlockedAsync(desired, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ProjectFolderSyncReport> SynchronizeUnlockedAsync(ProjectFolderDesiredState desired, CancellationToken cancellationToken)
    {
        if (_options.StateStore is not { } store)
        {
            return await ReadPlanAndApplyAsync(desired, cancellationToken).ConfigureAwait(false);
        }

        var storage = _options.StorageId!.Value;
        try
        {
            desired = await WithStoredFolderIdsAsync(store, storage, desired, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException error)
        {
            // Without the stored ids a renamed folder would look missing and get a twin: change nothing instead.
            var message = $"The stored project folder ids could not be read, so nothing was changed: {error.Message}";
            LogAborted(error.Code, message, error);
            return new ProjectFolderSyncReport { Outcome = ProjectFolderSyncOutcome.Aborted, AbortCode = error.Code, AbortMessage = message };
        }

        var report = await ReadPlanAndApplyAsync(desired, cancellationToken).ConfigureAwait(false);
        return await SaveFolderIdsAsync(store, storage, report, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ProjectFolderDesiredState> WithStoredFolderIdsAsync(IProjectFolderStateStore store, StorageId storage, ProjectFolderDesiredState desired, CancellationToken cancellationToken)
    {
        var stored = await store.GetFolderIdsAsync(storage, cancellationToken).ConfigureAwait(false);
        if (stored.Count == 0)
        {
            return desired;
        }

        // An id the host passes wins: it may know of a move the store has not seen.
        var projects = desired.Projects
            .Select(project => project.FolderId is null && stored.TryGetValue(project.ProjectId, out var id) ? project with { FolderId = id } : project)
            .ToList();
        return desired with { Projects = projects };
    }

    private async Task<ProjectFolderSyncReport> SaveFolderIdsAsync(IProjectFolderStateStore store, StorageId storage, ProjectFolderSyncReport report, CancellationToken cancellationToken)
    {
        if (report.FolderIds.Count == 0)
        {
            return report;
        }

        try
        {
            await store.SaveFolderIdsAsync(storage, report.FolderIds, cancellationToken).ConfigureAwait(false);
            return report;
        }
        catch (StorageException error)
        {
            // The folders exist; the next run adopts them by name, so the report says so rather than failing the run.
            var step = new ProjectFolderStep
            {
                Id = report.Steps.Count,
                Kind = ProjectFolderStepKind.SaveFolderIds,
                Description = $"Save the folder ids of {report.FolderIds.Count} project(s)",
            };
            LogStepFailed(step.Id, step.Description, error.Code, error);
            return report with
            {
                Outcome = report.Outcome == ProjectFolderSyncOutcome.Aborted ? report.Outcome : ProjectFolderSyncOutcome.CompletedWithErrors,
                Steps = [.. report.Steps, new ProjectFolderStepResult { Step = step, Outcome = ProjectFolderStepOutcome.Failed, ErrorCode = error.Code, Message = $"The folder ids could not be saved ({error.Message}); the next run finds the folders by name." }],
            };
        }
    }

    private async Task<ProjectFolderSyncReport> ReadPlanAndApplyAsync(ProjectFolderDesiredState desired, CancellationToken cancellationToken)
    {
        ManagedRootState current;
        try
        {
            current = await _storage.ReadManagedRootAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException error)
        {
            var message = ProjectFolderMessages.RootReadFailed(error, desired.TechnicalUserId);
            LogAborted(error.Code, message, error);
            return new ProjectFolderSyncReport { Outcome = ProjectFolderSyncOutcome.Aborted, AbortCode = error.Code, AbortMessage = message };
        }

        var (members, groupError) = await ReadGroupMembersAsync(desired.GroupId, cancellationToken).ConfigureAwait(false);
        var plan = ProjectFolderPlanner.Plan(desired, current, members, Grantable);
        var report = await ApplyAsync(plan, cancellationToken).ConfigureAwait(false);
        if (groupError is null)
        {
            return report;
        }

        var step = new ProjectFolderStep
        {
            Id = plan.Steps.Count,
            Kind = ProjectFolderStepKind.ReadGroupMembers,
            Description = $"Read the members of group {desired.GroupId}",
        };
        return report with
        {
            Outcome = report.Outcome == ProjectFolderSyncOutcome.Aborted ? report.Outcome : ProjectFolderSyncOutcome.CompletedWithErrors,
            Steps = [.. report.Steps, Failed(step, groupError, plan)],
        };
    }

    /// <summary>Reads the storage and plans, without changing anything (a dry run).</summary>
    /// <param name="desired">What the host wants.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The plan; when the group's members cannot be read, a plan without membership steps.</returns>
    /// <exception cref="StorageException">The managed root cannot be read.</exception>
    /// <exception cref="ArgumentException"><see cref="ProjectFolderDesiredState.GroupId"/> is set for a storage without <see cref="IProjectFolderGroups"/>.</exception>
    public async Task<ProjectFolderPlan> PlanAsync(ProjectFolderDesiredState desired, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(desired);
        RequireGroupSupport(desired);
        var current = await _storage.ReadManagedRootAsync(cancellationToken).ConfigureAwait(false);
        var (members, _) = await ReadGroupMembersAsync(desired.GroupId, cancellationToken).ConfigureAwait(false);
        return ProjectFolderPlanner.Plan(desired, current, members, Grantable);
    }

    /// <summary>Applies a plan and reports every step.</summary>
    /// <param name="plan">The plan, from <see cref="PlanAsync"/> or <see cref="ProjectFolderPlanner.Plan"/>.</param>
    /// <param name="cancellationToken">Cancels the run; steps already applied stay applied.</param>
    /// <returns>The report.</returns>
    public async Task<ProjectFolderSyncReport> ApplyAsync(ProjectFolderPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var run = new Run(plan);
        var lanes = Lanes(plan, out var rootLane);
        if (rootLane is not null)
        {
            await RunLaneAsync(run, rootLane, cancellationToken).ConfigureAwait(false);
        }

        var rootFailure = rootLane?.Select(index => run.Results[index]).FirstOrDefault(result => result?.Outcome == ProjectFolderStepOutcome.Failed);
        if (rootFailure is null)
        {
            await Parallel.ForEachAsync(
                lanes,
                new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = cancellationToken },
                (lane, token) => new ValueTask(RunLaneAsync(run, lane, token))).ConfigureAwait(false);
        }
        else
        {
            foreach (var lane in lanes)
            {
                foreach (var index in lane)
                {
                    run.Results[index] = Skip(plan.Steps[index], rootFailure.Step);
                }
            }
        }

        var results = run.Results.Select(result => result!).ToArray();
        var folderIds = new Dictionary<string, FileId>(plan.AdoptedFolderIds, StringComparer.Ordinal);
        foreach (var (project, id) in run.CreatedFolders)
        {
            folderIds[project] = id;
        }

        var report = new ProjectFolderSyncReport
        {
            Outcome = rootFailure is not null ? ProjectFolderSyncOutcome.Aborted
                : results.All(result => result.Outcome == ProjectFolderStepOutcome.Succeeded) ? ProjectFolderSyncOutcome.Succeeded
                : ProjectFolderSyncOutcome.CompletedWithErrors,
            Steps = results,
            FolderIds = folderIds,
            SkippedMembers = plan.SkippedMembers,
            AbortCode = rootFailure?.ErrorCode,
            AbortMessage = rootFailure is null ? null : rootFailure.Message + " Nothing else was attempted.",
            WriteRequests = run.Writes,
        };
        if (rootFailure is not null)
        {
            LogAborted(rootFailure.ErrorCode ?? StorageErrorCode.Unknown, report.AbortMessage!, null);
        }
        else
        {
            var failures = results.Count(result => result.Outcome == ProjectFolderStepOutcome.Failed);
            LogFinished(report.Outcome, results.Length, failures, run.Writes);
        }

        return report;
    }

    private static List<List<int>> Lanes(ProjectFolderPlan plan, out List<int>? rootLane)
    {
        rootLane = null;
        var lanes = new List<List<int>>();
        var laneOf = new List<int>?[plan.Steps.Count];
        foreach (var step in plan.Steps)
        {
            if (step.Id < 0 || step.Id >= plan.Steps.Count || !ReferenceEquals(plan.Steps[step.Id], step))
            {
                throw new ArgumentException($"Step {step} does not sit at its index in the plan.", nameof(plan));
            }

            if (step.Kind == ProjectFolderStepKind.EnsureRootAccess)
            {
                rootLane ??= [];
                rootLane.Add(step.Id);
                laneOf[step.Id] = rootLane;
                continue;
            }

            var previous = step.RunsAfter ?? step.DependsOn;
            if (previous is { } p && (p >= step.Id || p < 0))
            {
                throw new ArgumentException($"Step {step} depends on a later step.", nameof(plan));
            }

            var lane = previous is { } before && !ReferenceEquals(laneOf[before], rootLane) ? laneOf[before]! : null;
            if (lane is null)
            {
                lane = [];
                lanes.Add(lane);
            }

            lane.Add(step.Id);
            laneOf[step.Id] = lane;
        }

        return lanes;
    }

    private Func<StoragePermissions, StoragePermissions>? Grantable => _storage is IProjectFolderPermissionRoles roles ? roles.ToGrantable : null;

    private void RequireGroupSupport(ProjectFolderDesiredState desired)
    {
        if (desired.GroupId is not null && _storage is not IProjectFolderGroups)
        {
            throw new ArgumentException($"The desired state names group {desired.GroupId}, but this storage has no group to keep (it does not implement IProjectFolderGroups); leave GroupId unset.", nameof(desired));
        }
    }

    private async Task<(IReadOnlyList<string>? Members, StorageException? Error)> ReadGroupMembersAsync(string? groupId, CancellationToken cancellationToken)
    {
        if (groupId is null || _storage is not IProjectFolderGroups groups)
        {
            return (null, null);
        }

        try
        {
            return (await groups.GetGroupMembersAsync(groupId, cancellationToken).ConfigureAwait(false), null);
        }
        catch (StorageException error)
        {
            LogGroupReadFailed(groupId, error.Code, error);
            return (null, error);
        }
    }

    private async Task RunLaneAsync(Run run, List<int> lane, CancellationToken cancellationToken)
    {
        var folder = new LaneFolder();
        foreach (var index in lane)
        {
            var step = run.Plan.Steps[index];
            run.Results[index] = await RunStepAsync(run, step, folder, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ProjectFolderStepResult> RunStepAsync(Run run, ProjectFolderStep step, LaneFolder folder, CancellationToken cancellationToken)
    {
        if (step.RefusalCode is { } refusal)
        {
            LogStepFailed(step.Id, step.Description, refusal, null);
            return new ProjectFolderStepResult { Step = step, Outcome = ProjectFolderStepOutcome.Failed, ErrorCode = refusal, Message = step.RefusalMessage };
        }

        if (step.DependsOn is { } dependency && run.Results[dependency] is { Outcome: not ProjectFolderStepOutcome.Succeeded } blocked)
        {
            var blocker = blocked.BlockedBy is { } deeper ? run.Plan.Steps[deeper] : blocked.Step;
            return Skip(step, blocker);
        }

        try
        {
            await ExecuteAsync(run, step, folder, cancellationToken).ConfigureAwait(false);
            return new ProjectFolderStepResult { Step = step, Outcome = ProjectFolderStepOutcome.Succeeded };
        }
        catch (StorageException error)
        {
            if (step.Kind == ProjectFolderStepKind.RenameFolder)
            {
                folder.Name = step.FolderName;
            }

            LogStepFailed(step.Id, step.Description, error.Code, error);
            return Failed(step, error, run.Plan);
        }
    }

    private async Task ExecuteAsync(Run run, ProjectFolderStep step, LaneFolder folder, CancellationToken cancellationToken)
    {
        switch (step.Kind)
        {
            case ProjectFolderStepKind.EnsureRootAccess:
                await SetAccessRulesAsync(run, step.FolderId ?? run.Plan.RootId, StoragePath.Root, step.AccessRules, cancellationToken).ConfigureAwait(false);
                break;
            case ProjectFolderStepKind.CreateFolder:
                run.CountWrite();
                var created = await _storage.CreateFolderAsync(Required(step.FolderName, step), cancellationToken).ConfigureAwait(false);
                folder.Id = created.Id;
                folder.Name = created.Name;
                run.CreatedFolders[Required(step.ProjectId, step)] = created.Id;
                break;
            case ProjectFolderStepKind.RenameFolder:
                run.CountWrite();
                await _storage.RenameFolderAsync(Required(step.FolderId, step), Required(step.FolderName, step), Required(step.NewName, step), cancellationToken).ConfigureAwait(false);
                folder.Id = step.FolderId;
                folder.Name = step.NewName;
                break;
            case ProjectFolderStepKind.SetPermissions:
            case ProjectFolderStepKind.HideFolder:
                var id = folder.Id ?? Required(step.FolderId, step);
                var name = folder.Name ?? Required(step.FolderName, step);
                await SetAccessRulesAsync(run, id, StoragePath.Root.Combine(name), step.AccessRules, cancellationToken).ConfigureAwait(false);
                break;
            case ProjectFolderStepKind.AddGroupMember:
                run.CountWrite();
                await Groups(step).AddGroupMemberAsync(Required(run.Plan.GroupId, step), Required(step.UserId, step), cancellationToken).ConfigureAwait(false);
                break;
            case ProjectFolderStepKind.RemoveGroupMember:
                run.CountWrite();
                await Groups(step).RemoveGroupMemberAsync(Required(run.Plan.GroupId, step), Required(step.UserId, step), cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new StorageException(StorageErrorCode.NotSupported, $"Step kind {step.Kind} cannot be applied.");
        }
    }

    private async Task SetAccessRulesAsync(Run run, FileId folderId, StoragePath path, IReadOnlyList<FolderAccessRule> rules, CancellationToken cancellationToken)
    {
        run.CountWrite();
        await _storage.SetAccessRulesAsync(folderId, path, rules, cancellationToken).ConfigureAwait(false);
        if (!_options.VerifyAccessRules)
        {
            return;
        }

        var stored = await _storage.GetAccessRulesAsync(folderId, path, cancellationToken).ConfigureAwait(false);
        if (!ProjectFolderPlanner.SameAccessRules(stored, rules))
        {
            throw new StorageException(ProjectFolderErrorCodes.AccessRulesNotApplied, $"The access list of '{path}' read back differs from the one written.", detail: Difference(rules, stored));
        }
    }

    private static string Difference(IReadOnlyList<FolderAccessRule> wanted, IReadOnlyList<FolderAccessRule> stored)
    {
        const int Shown = 5;
        var storedSet = stored.ToHashSet();
        var wantedSet = wanted.ToHashSet();
        var missing = wanted.Where(rule => !storedSet.Contains(rule)).ToList();
        var unexpected = stored.Where(rule => !wantedSet.Contains(rule)).ToList();
        static string List(List<FolderAccessRule> rules) =>
            rules.Count == 0 ? "none" : string.Join("; ", rules.Take(Shown)) + (rules.Count > Shown ? string.Create(CultureInfo.InvariantCulture, $"; and {rules.Count - Shown} more") : string.Empty);
        return $"Not stored: {List(missing)}. Found instead: {List(unexpected)}.";
    }

    private IProjectFolderGroups Groups(ProjectFolderStep step) =>
        _storage as IProjectFolderGroups ?? throw new StorageException(StorageErrorCode.NotSupported, $"Step {step} changes a group, but this storage has none.");

    private static T Required<T>(T? value, ProjectFolderStep step)
        where T : class =>
        value ?? throw new ArgumentException($"Step {step} lacks a value it needs.", nameof(step));

    private static FileId Required(FileId? value, ProjectFolderStep step) =>
        value ?? throw new ArgumentException($"Step {step} lacks the folder id it needs.", nameof(step));

    private static ProjectFolderStepResult Failed(ProjectFolderStep step, StorageException error, ProjectFolderPlan plan) => new()
    {
        Step = step,
        Outcome = ProjectFolderStepOutcome.Failed,
        ErrorCode = error.Code,
        Message = ProjectFolderMessages.Failure(step, error, plan.TechnicalUserId, plan.GroupId),
        Detail = error.Detail ?? error.Message,
        HttpStatus = error.HttpStatus,
    };

    private static ProjectFolderStepResult Skip(ProjectFolderStep step, ProjectFolderStep blocker) => new()
    {
        Step = step,
        Outcome = ProjectFolderStepOutcome.Skipped,
        Message = ProjectFolderMessages.Skipped(blocker),
        BlockedBy = blocker.Id,
    };

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Project folder step {StepId} ({Description}) failed with {ErrorCode}")]
    private partial void LogStepFailed(int stepId, string description, StorageErrorCode errorCode, Exception? error);

    [LoggerMessage(EventId = 21, Level = LogLevel.Error, Message = "Project folder sync aborted with {ErrorCode}: {Reason}")]
    private partial void LogAborted(StorageErrorCode errorCode, string reason, Exception? error);

    [LoggerMessage(EventId = 22, Level = LogLevel.Information, Message = "Project folder sync finished {Outcome}: {Steps} steps, {Failures} failed, {Writes} writing requests")]
    private partial void LogFinished(ProjectFolderSyncOutcome outcome, int steps, int failures, int writes);

    [LoggerMessage(EventId = 23, Level = LogLevel.Warning, Message = "Reading the members of group {Group} failed with {ErrorCode}; group membership is left unchanged")]
    private partial void LogGroupReadFailed(string group, StorageErrorCode errorCode, Exception error);

    private sealed class Run(ProjectFolderPlan plan)
    {
        private int _writes;

        public ProjectFolderPlan Plan { get; } = plan;

        public ProjectFolderStepResult?[] Results { get; } = new ProjectFolderStepResult?[plan.Steps.Count];

        public ConcurrentDictionary<string, FileId> CreatedFolders { get; } = new(StringComparer.Ordinal);

        public int Writes => Volatile.Read(ref _writes);

        public void CountWrite() => Interlocked.Increment(ref _writes);
    }

    // The folder a lane works on, as it is after the lane's earlier steps (created, renamed or not).
    private sealed class LaneFolder
    {
        public FileId? Id { get; set; }

        public string? Name { get; set; }
    }
}
