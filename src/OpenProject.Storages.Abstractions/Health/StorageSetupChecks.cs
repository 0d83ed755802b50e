namespace OpenProject.Storages;

/// <summary>
/// The names of the setup checks every provider runs the same way (<see cref="StorageCheckResult.Check"/>).
/// Providers add their own (Nextcloud: <c>NextcloudSetupChecks</c>).
/// </summary>
public static class StorageSetupChecks
{
    /// <summary>The acting user has a token for the storage.</summary>
    public const string UserToken = nameof(UserToken);

    /// <summary>A request on behalf of the acting user succeeds.</summary>
    public const string UserRequest = nameof(UserRequest);

    /// <summary>Every project with an automatically managed folder has a folder linked.</summary>
    public const string ProjectFoldersLinked = nameof(ProjectFoldersLinked);

    /// <summary>Every linked project folder exists in the storage.</summary>
    public const string ProjectFoldersExist = nameof(ProjectFoldersExist);
}
