using OpenProject.Storages.OneDrive.Internal;

namespace OpenProject.Storages.OneDrive;

public sealed partial class OneDriveFileStorage : IStorageSetupValidator
{
    /// <summary>The folder the write test creates in the drive's root and deletes again (OpenProject's name).</summary>
    public const string ValidationFolderName = "OpenProjectConnectionValidationFolder";

    /// <inheritdoc/>
    /// <remarks>
    /// As OpenProject's OneDrive validators: the settings; the app-only token from Entra ID (a wrong tenant, client id or
    /// secret each have their code); the drive's root listed with that token (a malformed or unknown drive id); a test
    /// folder created in the root and deleted; when the context names the managed project folders, that every project has
    /// one, that each is in the root (as the app sees its first 1,000 items) and that the root holds nothing else; and, for
    /// the acting user, a token and one request with it.
    /// </remarks>
    public async Task<StorageSetupReport> ValidateSetupAsync(StorageSetupValidationContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var checks = new List<StorageCheckResult>();
        var configuration = _appTokens.IsConfigured
            ? StorageCheckResult.Pass(OneDriveSetupChecks.Configuration, StorageCheckGroup.Base, "The tenant, client id and secret and the drive id are set.")
            : StorageCheckResult.Fail(OneDriveSetupChecks.Configuration, StorageCheckGroup.Base, StorageSetupCodes.NotConfigured, "Set OneDriveStorageOptions.TenantId, ClientId and ClientSecret (the app registration in Entra ID).");
        checks.Add(configuration);

        var credentials = configuration.Status == StorageCheckStatus.Passed ? await CheckClientCredentialsAsync(cancellationToken).ConfigureAwait(false) : (Result: StorageCheckResult.Skip(OneDriveSetupChecks.ClientCredentials, StorageCheckGroup.Base, configuration), Token: null);
        checks.Add(credentials.Result);

        var root = credentials.Token is { } token ? await CheckDriveAsync(token, cancellationToken).ConfigureAwait(false) : (Result: StorageCheckResult.Skip(OneDriveSetupChecks.Drive, StorageCheckGroup.Base, credentials.Result), Names: null);
        checks.Add(root.Result);

        checks.Add(credentials.Token is { } writer && root.Names is not null
            ? await CheckFolderWriteAsync(writer, root.Names, cancellationToken).ConfigureAwait(false)
            : StorageCheckResult.Skip(OneDriveSetupChecks.FolderWriteTest, StorageCheckGroup.ProjectFolders, root.Result));
        checks.AddRange(CheckProjectFolders(context, root));
        checks.Add(CheckDriveContents(context, root));

        await CheckUserAsync(context, checks, cancellationToken).ConfigureAwait(false);
        return new StorageSetupReport { Storage = Id, CheckedAt = _time.GetUtcNow(), Checks = checks };
    }

    private async Task<(StorageCheckResult Result, string? Token)> CheckClientCredentialsAsync(CancellationToken cancellationToken)
    {
        const string Check = OneDriveSetupChecks.ClientCredentials;
        AppTokenAnswer answer;
        try
        {
            answer = await _appTokens.GetAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException failure)
        {
            return (Unreachable(Check, StorageCheckGroup.Base, "Entra ID", failure), null);
        }

        if (answer.Token is { } token)
        {
            return (StorageCheckResult.Pass(Check, StorageCheckGroup.Base, "Entra ID issued the app-only token."), token);
        }

        var aadsts = answer.Description is { } description && description.StartsWith("AADSTS", StringComparison.Ordinal) ? description.Split(':')[0] : null;
        var data = aadsts is null ? null : new Dictionary<string, string> { ["error"] = answer.Error ?? string.Empty, ["aadsts"] = aadsts };
        return (answer.Error switch
        {
            "invalid_request" when aadsts is "AADSTS90002" or "AADSTS900023" =>
                StorageCheckResult.Fail(Check, StorageCheckGroup.Base, OneDriveSetupCodes.TenantInvalid, $"Entra ID does not know the tenant '{_options.TenantId}' ({aadsts}). Use the directory (tenant) id of the app registration.", data),
            "unauthorized_client" =>
                StorageCheckResult.Fail(Check, StorageCheckGroup.Base, OneDriveSetupCodes.ClientIdInvalid, $"The tenant has no application with the client id '{_options.ClientId}' ({aadsts ?? answer.Error}). Use the application (client) id of the app registration.", data),
            "invalid_client" =>
                StorageCheckResult.Fail(Check, StorageCheckGroup.Base, OneDriveSetupCodes.ClientSecretInvalid, $"Entra ID refused the client secret ({aadsts ?? answer.Error}): it is wrong or expired. Create a new secret for the app registration.", data),
            _ =>
                StorageCheckResult.Fail(Check, StorageCheckGroup.Base, StorageSetupCodes.InvalidResponse, $"Entra ID did not issue the app-only token (HTTP {answer.Status}{(answer.Error is null ? string.Empty : ", " + answer.Error)}).", data),
        }, null);
    }

    private async Task<(StorageCheckResult Result, IReadOnlyList<(string Id, string Name)>? Names)> CheckDriveAsync(string appToken, CancellationToken cancellationToken)
    {
        const string Check = OneDriveSetupChecks.Drive;
        GraphAnswer answer;
        try
        {
            answer = await _graph.SendAnonymousAsync(() => WithToken(new HttpRequestMessage(HttpMethod.Get, DriveItems.Resolve(_options, DriveItems.ByPath(_options.DriveId, StoragePath.Root) + "/children", "$select=id,name&$top=1000")), appToken), "list the drive's root", cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException failure)
        {
            return (Unreachable(Check, StorageCheckGroup.Base, "Microsoft Graph", failure), null);
        }

        if (answer.Status == 200)
        {
            try
            {
                var page = GraphConnection.Parse(answer.Body, GraphJsonContext.Default.DriveItemPage, "list the drive's root");
                var names = (page.Value ?? []).Where(item => item.Id is not null && item.Name is not null).Select(item => (item.Id!, item.Name!)).ToList();
                return (StorageCheckResult.Pass(Check, StorageCheckGroup.Base, "The app can read the drive's root."), names);
            }
            catch (StorageException failure)
            {
                return (StorageCheckResult.Fail(Check, StorageCheckGroup.Base, StorageSetupCodes.InvalidResponse, failure.Message), null);
            }
        }

        var code = GraphConnection.ParseError(answer.Body)?.Code;
        return (answer.Status switch
        {
            400 => StorageCheckResult.Fail(Check, StorageCheckGroup.Base, OneDriveSetupCodes.DriveIdInvalid, $"Microsoft Graph refused the drive id as malformed ({code}). Copy the drive id (b!…) of the document library again."),
            404 => StorageCheckResult.Fail(Check, StorageCheckGroup.Base, OneDriveSetupCodes.DriveNotFound, $"Microsoft Graph has no drive with this id that the app may read ({code}). Check the drive id and the app's Sites/Files permissions."),
            401 or 403 => StorageCheckResult.Fail(Check, StorageCheckGroup.Base, StorageSetupCodes.TechnicalUserUnauthorized, $"Microsoft Graph refused the app-only token (HTTP {answer.Status}, {code}). Grant the app Files.ReadWrite.All and Sites.ReadWrite.All with admin consent."),
            _ => StorageCheckResult.Fail(Check, StorageCheckGroup.Base, StorageSetupCodes.InvalidResponse, $"Microsoft Graph answered listing the drive's root with HTTP {answer.Status}{(code is null ? string.Empty : ", " + code)}."),
        }, null);
    }

    private async Task<StorageCheckResult> CheckFolderWriteAsync(string appToken, IReadOnlyList<(string Id, string Name)> rootItems, CancellationToken cancellationToken)
    {
        const string Check = OneDriveSetupChecks.FolderWriteTest;
        if (rootItems.Any(item => string.Equals(item.Name, ValidationFolderName, StringComparison.OrdinalIgnoreCase)))
        {
            return StorageCheckResult.Warn(Check, StorageCheckGroup.ProjectFolders, OneDriveSetupCodes.TestFolderExists, $"The drive's root already holds '{ValidationFolderName}', probably left by an interrupted check; delete it so the write test can run.");
        }

        try
        {
            var payload = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new NewFolderRequest { Name = ValidationFolderName }, GraphJsonContext.Default.NewFolderRequest);
            var created = await _graph.SendAnonymousAsync(() => WithToken(JsonRequest(HttpMethod.Post, DriveItems.Resolve(_options, DriveItems.ByPath(_options.DriveId, StoragePath.Root) + "/children"), payload), appToken), "create the test folder", cancellationToken).ConfigureAwait(false);
            if (created.Status != 201)
            {
                return StorageCheckResult.Fail(Check, StorageCheckGroup.ProjectFolders, created.Status == 409 ? OneDriveSetupCodes.TestFolderExists : OneDriveSetupCodes.FolderWriteFailed, $"The app could not create a folder in the drive's root (HTTP {created.Status}, {GraphConnection.ParseError(created.Body)?.Code}). Give the app write access to the document library.");
            }

            var id = GraphConnection.Parse(created.Body, GraphJsonContext.Default.DriveItem, "create the test folder").Id;
            var deleted = id is not null && DriveItems.IsPlausibleId(new FileId(id))
                ? await _graph.SendAnonymousAsync(() => WithToken(new HttpRequestMessage(HttpMethod.Delete, DriveItems.Resolve(_options, DriveItems.ById(_options.DriveId, new FileId(id)))), appToken), "delete the test folder", cancellationToken).ConfigureAwait(false)
                : default;
            return deleted.Status == 204
                ? StorageCheckResult.Pass(Check, StorageCheckGroup.ProjectFolders, "The app created and deleted a test folder in the drive's root.")
                : StorageCheckResult.Fail(Check, StorageCheckGroup.ProjectFolders, OneDriveSetupCodes.FolderWriteFailed, $"The app created '{ValidationFolderName}' but could not delete it (HTTP {deleted.Status}); delete it by hand and check the app's permissions.");
        }
        catch (StorageException failure)
        {
            return Unreachable(Check, StorageCheckGroup.ProjectFolders, "Microsoft Graph", failure);
        }
    }

    private static StorageCheckResult[] CheckProjectFolders(StorageSetupValidationContext context, (StorageCheckResult Result, IReadOnlyList<(string Id, string Name)>? Names) root)
    {
        const StorageCheckGroup Group = StorageCheckGroup.ProjectFolders;
        if (context.ManagedProjectFolders is not { } projects)
        {
            const string NoList = "Not checked: the host named no managed project folders (StorageSetupValidationContext.ManagedProjectFolders).";
            return [StorageCheckResult.Skip(StorageSetupChecks.ProjectFoldersLinked, Group, NoList), StorageCheckResult.Skip(StorageSetupChecks.ProjectFoldersExist, Group, NoList)];
        }

        var unlinked = projects.Where(project => project.FolderId is null).Select(project => project.ProjectName).ToArray();
        var linked = unlinked.Length == 0
            ? StorageCheckResult.Pass(StorageSetupChecks.ProjectFoldersLinked, Group, $"All {projects.Count} managed projects have a folder.")
            : StorageCheckResult.Warn(StorageSetupChecks.ProjectFoldersLinked, Group, StorageSetupCodes.ProjectFolderUnlinked, $"{unlinked.Length} of {projects.Count} managed projects have no folder yet ({string.Join(", ", unlinked.Take(5))}). Run the project folder synchronisation; if it keeps failing, see its report.", new Dictionary<string, string> { ["affected"] = unlinked.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), ["total"] = projects.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        if (root.Names is null)
        {
            return [linked, StorageCheckResult.Skip(StorageSetupChecks.ProjectFoldersExist, Group, root.Result)];
        }

        var present = root.Names.Select(item => item.Id).ToHashSet(StringComparer.Ordinal);
        var missing = projects.Where(project => project.FolderId is { } id && !present.Contains(id.Value)).Select(project => project.ProjectName).ToArray();
        var exist = missing.Length == 0
            ? StorageCheckResult.Pass(StorageSetupChecks.ProjectFoldersExist, Group, "Every linked project folder is in the drive's root.")
            : StorageCheckResult.Fail(StorageSetupChecks.ProjectFoldersExist, Group, StorageSetupCodes.ProjectFolderMissing, $"The folders of {missing.Length} project(s) are missing from the drive's root ({string.Join(", ", missing.Take(5))}). Restore them from the SharePoint recycle bin, or run the project folder synchronisation to create new ones.", new Dictionary<string, string> { ["affected"] = missing.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), ["examples"] = string.Join(", ", missing.Take(5)) });
        return [linked, exist];
    }

    private static StorageCheckResult CheckDriveContents(StorageSetupValidationContext context, (StorageCheckResult Result, IReadOnlyList<(string Id, string Name)>? Names) root)
    {
        const string Check = OneDriveSetupChecks.DriveContents;
        if (root.Names is null)
        {
            return StorageCheckResult.Skip(Check, StorageCheckGroup.ProjectFolders, root.Result);
        }

        if (context.ManagedProjectFolders is not { } managed)
        {
            return StorageCheckResult.Skip(Check, StorageCheckGroup.ProjectFolders, "Not checked: the host named no managed project folders.");
        }

        var owned = managed.Where(folder => folder.FolderId is not null).Select(folder => folder.FolderId!.Value.Value).ToHashSet(StringComparer.Ordinal);
        var unexpected = root.Names.Where(item => !owned.Contains(item.Id)).Select(item => item.Name).ToList();
        return unexpected.Count == 0
            ? StorageCheckResult.Pass(Check, StorageCheckGroup.ProjectFolders, "The drive's root holds only managed project folders.")
            : StorageCheckResult.Warn(Check, StorageCheckGroup.ProjectFolders, StorageSetupCodes.UnexpectedFiles, $"The drive's root holds {unexpected.Count} item(s) no project owns, for example: {string.Join(", ", unexpected.Take(5))}.", new Dictionary<string, string> { ["count"] = unexpected.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    private async Task CheckUserAsync(StorageSetupValidationContext context, List<StorageCheckResult> checks, CancellationToken cancellationToken)
    {
        if (context.ActingUser is not { } user)
        {
            checks.Add(StorageCheckResult.Skip(StorageSetupChecks.UserToken, StorageCheckGroup.Authentication, "Not checked: no acting user."));
            checks.Add(StorageCheckResult.Skip(StorageSetupChecks.UserRequest, StorageCheckGroup.Authentication, "Not checked: no acting user."));
            return;
        }

        try
        {
            await GetItemAsync(StorageActor.ForUser(user), DriveItems.ByPath(_options.DriveId, StoragePath.Root), "read the drive's root as the acting user", cancellationToken).ConfigureAwait(false);
            checks.Add(StorageCheckResult.Pass(StorageSetupChecks.UserToken, StorageCheckGroup.Authentication, "The acting user has a token."));
            checks.Add(StorageCheckResult.Pass(StorageSetupChecks.UserRequest, StorageCheckGroup.Authentication, "A request with the acting user's token succeeded."));
        }
        catch (StorageException failure) when (failure.Code == StorageErrorCode.Unauthorized && failure.HttpStatus is null)
        {
            // The token provider said so before any request: the user never connected, or must log in again.
            var missing = StorageCheckResult.Warn(StorageSetupChecks.UserToken, StorageCheckGroup.Authentication, StorageSetupCodes.TokenMissing, "The acting user has no usable OneDrive token; log in to OneDrive first.");
            checks.Add(missing);
            checks.Add(StorageCheckResult.Skip(StorageSetupChecks.UserRequest, StorageCheckGroup.Authentication, missing));
        }
        catch (StorageException failure)
        {
            checks.Add(StorageCheckResult.Pass(StorageSetupChecks.UserToken, StorageCheckGroup.Authentication, "The acting user has a token."));
            checks.Add(failure.Code == StorageErrorCode.Unauthorized
                ? StorageCheckResult.Fail(StorageSetupChecks.UserRequest, StorageCheckGroup.Authentication, StorageSetupCodes.UserRequestUnauthorized, "Microsoft Graph refused the acting user's token; log in to OneDrive again.")
                : StorageCheckResult.Fail(StorageSetupChecks.UserRequest, StorageCheckGroup.Authentication, StorageSetupCodes.UserRequestFailed, failure.Message));
        }
    }

    private static StorageCheckResult Unreachable(string check, StorageCheckGroup group, string service, StorageException failure) =>
        failure.InnerException is OperationCanceledException
            ? StorageCheckResult.Fail(check, group, StorageSetupCodes.Timeout, $"{service} did not answer in time.")
            : failure.Code == StorageErrorCode.Unavailable
                ? StorageCheckResult.Fail(check, group, StorageSetupCodes.HostUnreachable, $"{service} could not be reached: {failure.Message}")
                : StorageCheckResult.Fail(check, group, StorageSetupCodes.InvalidResponse, failure.Message);

    private static HttpRequestMessage WithToken(HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
