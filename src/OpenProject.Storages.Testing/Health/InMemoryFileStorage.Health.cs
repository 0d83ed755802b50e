namespace OpenProject.Storages.Testing;

/// <summary>Setup validation of the in-memory storage, so hosts and samples can show a setup report without a server.</summary>
public sealed partial class InMemoryFileStorage : IStorageSetupValidator
{
    /// <summary>The name of the in-memory storage's base check: the technical user can list the root folder.</summary>
    public const string StorageReachableCheck = "StorageReachable";

    /// <summary>
    /// Validates the in-memory "setup": the technical user can list the root (injected
    /// <see cref="StorageOperation.ListFolder"/> faults make it fail); the acting user is connected
    /// (<see cref="StorageSetupChecks.UserToken"/>, a warning when not) and can list their root
    /// (<see cref="StorageSetupChecks.UserRequest"/>); and, when the context lists managed project folders,
    /// each is linked and exists.
    /// </summary>
    /// <param name="context">The acting user and managed project folders.</param>
    /// <param name="cancellationToken">Cancels the validation.</param>
    /// <returns>The report.</returns>
    public async Task<StorageSetupReport> ValidateSetupAsync(StorageSetupValidationContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var checks = new List<StorageCheckResult>();
        var reachable = await RunCheckAsync(StorageReachableCheck, StorageCheckGroup.Base, StorageActor.TechnicalUser, $"{ProductName} answers the technical user.", cancellationToken).ConfigureAwait(false);
        checks.Add(reachable);

        checks.AddRange(await AuthenticationChecksAsync(context.ActingUser, reachable, cancellationToken).ConfigureAwait(false));
        if (context.ManagedProjectFolders is { } projects)
        {
            checks.AddRange(ProjectFolderChecks(projects, reachable));
        }

        return new StorageSetupReport { Storage = Id, CheckedAt = _time.GetUtcNow(), Checks = checks };
    }

    private async Task<StorageCheckResult[]> AuthenticationChecksAsync(HostUserId? actingUser, StorageCheckResult reachable, CancellationToken cancellationToken)
    {
        const StorageCheckGroup group = StorageCheckGroup.Authentication;
        if (reachable.Status == StorageCheckStatus.Failed)
        {
            return [StorageCheckResult.Skip(StorageSetupChecks.UserToken, group, reachable), StorageCheckResult.Skip(StorageSetupChecks.UserRequest, group, reachable)];
        }

        if (actingUser is not { } user)
        {
            const string reason = "Not checked: no acting user was given. Run the validation as a logged-in administrator to check user access.";
            return [StorageCheckResult.Skip(StorageSetupChecks.UserToken, group, reason), StorageCheckResult.Skip(StorageSetupChecks.UserRequest, group, reason)];
        }

        bool connected;
        lock (_gate)
        {
            connected = _connections.ContainsKey(user);
        }

        if (!connected)
        {
            var missing = StorageCheckResult.Warn(StorageSetupChecks.UserToken, group, StorageSetupCodes.TokenMissing, $"You are not logged in to {ProductName}, so user access could not be checked. Log in to {ProductName} and run the checks again.");
            return [missing, StorageCheckResult.Skip(StorageSetupChecks.UserRequest, group, missing)];
        }

        var token = StorageCheckResult.Pass(StorageSetupChecks.UserToken, group, $"You are connected to {ProductName}.");
        var request = await RunCheckAsync(StorageSetupChecks.UserRequest, group, StorageActor.ForUser(user), $"A request on your behalf to {ProductName} succeeded.", cancellationToken).ConfigureAwait(false);
        return [token, request];
    }

    private StorageCheckResult[] ProjectFolderChecks(IReadOnlyList<ManagedProjectFolder> projects, StorageCheckResult reachable)
    {
        const StorageCheckGroup group = StorageCheckGroup.ProjectFolders;
        if (reachable.Status == StorageCheckStatus.Failed)
        {
            return [StorageCheckResult.Skip(StorageSetupChecks.ProjectFoldersLinked, group, reachable), StorageCheckResult.Skip(StorageSetupChecks.ProjectFoldersExist, group, reachable)];
        }

        var unlinked = projects.Where(p => p.FolderId is null).Select(p => p.ProjectName).ToArray();
        var linked = unlinked.Length == 0
            ? StorageCheckResult.Pass(StorageSetupChecks.ProjectFoldersLinked, group, $"All {projects.Count} managed projects have a folder.")
            : StorageCheckResult.Warn(StorageSetupChecks.ProjectFoldersLinked, group, StorageSetupCodes.ProjectFolderUnlinked, $"{unlinked.Length} of {projects.Count} managed projects have no folder yet ({string.Join(", ", unlinked.Take(5))}). Run the project folder synchronisation.", ProjectCounts(unlinked.Length, projects.Count));

        string[] missing;
        lock (_gate)
        {
            missing = projects.Where(p => p.FolderId is { } id && (!_nodes.TryGetValue(id, out var node) || !node.IsFolder)).Select(p => p.ProjectName).ToArray();
        }

        var exist = missing.Length == 0
            ? StorageCheckResult.Pass(StorageSetupChecks.ProjectFoldersExist, group, "Every linked project folder exists.")
            : StorageCheckResult.Fail(StorageSetupChecks.ProjectFoldersExist, group, StorageSetupCodes.ProjectFolderMissing, $"The folders of {missing.Length} project(s) are missing ({string.Join(", ", missing.Take(5))}). Restore them from the trash, or run the project folder synchronisation to create new ones.", new Dictionary<string, string> { ["projects"] = string.Join(", ", missing.Take(5)) });
        return [linked, exist];
    }

    private async Task<StorageCheckResult> RunCheckAsync(string check, StorageCheckGroup group, StorageActor actor, string passMessage, CancellationToken cancellationToken)
    {
        try
        {
            await ListFolderAsync(actor, StoragePath.Root, cancellationToken).ConfigureAwait(false);
            return StorageCheckResult.Pass(check, group, passMessage);
        }
        catch (StorageException ex)
        {
            var code = (ex.Code, actor.IsTechnicalUser) switch
            {
                _ when ex.InnerException is TimeoutException => StorageSetupCodes.Timeout,
                ({ } c, _) when c == StorageErrorCode.Unavailable => StorageSetupCodes.HostUnreachable,
                ({ } c, true) when c == StorageErrorCode.Unauthorized => StorageSetupCodes.TechnicalUserUnauthorized,
                ({ } c, false) when c == StorageErrorCode.Unauthorized => StorageSetupCodes.UserRequestUnauthorized,
                (_, false) => StorageSetupCodes.UserRequestFailed,
                _ => StorageSetupCodes.InvalidResponse,
            };
            return StorageCheckResult.Fail(check, group, code, ex.Message, ex.HttpStatus is { } status ? new Dictionary<string, string> { ["httpStatus"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture) } : null);
        }
    }

    private static Dictionary<string, string> ProjectCounts(int affected, int total) => new()
    {
        ["affected"] = affected.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["total"] = total.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
