namespace OpenProject.Storages.OneDrive;

/// <summary>
/// The OneDrive codes of setup failures and warnings (<see cref="StorageCheckResult.Code"/>), beside the
/// provider-neutral <see cref="StorageSetupCodes"/>; each is listed with its cause and fix in
/// <c>docs/setup-and-troubleshooting.md</c>.
/// </summary>
public static class OneDriveSetupCodes
{
    /// <summary>Entra ID does not know the tenant (<c>AADSTS90002</c>, <c>AADSTS900023</c>).</summary>
    public const string TenantInvalid = nameof(TenantInvalid);

    /// <summary>The tenant has no app registration with the client id (<c>unauthorized_client</c>, <c>AADSTS700016</c>).</summary>
    public const string ClientIdInvalid = nameof(ClientIdInvalid);

    /// <summary>The client secret is wrong or expired (<c>invalid_client</c>, <c>AADSTS7000215</c>).</summary>
    public const string ClientSecretInvalid = nameof(ClientSecretInvalid);

    /// <summary>Graph refused the drive id as malformed (400 <c>invalidRequest</c>).</summary>
    public const string DriveIdInvalid = nameof(DriveIdInvalid);

    /// <summary>Graph has no drive with the id, or the app may not read it (404 <c>itemNotFound</c>).</summary>
    public const string DriveNotFound = nameof(DriveNotFound);

    /// <summary>The app may not create or delete the test folder in the drive's root.</summary>
    public const string FolderWriteFailed = nameof(FolderWriteFailed);

    /// <summary>The test folder is already in the drive's root (left by an earlier run): it is not touched. A warning.</summary>
    public const string TestFolderExists = nameof(TestFolderExists);
}
