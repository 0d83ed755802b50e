namespace OpenProject.Storages.OneDrive;

/// <summary>
/// The names of the OneDrive setup checks (<see cref="StorageCheckResult.Check"/>), in the order they run, beside the
/// provider-neutral <see cref="StorageSetupChecks"/>; as OpenProject's OneDrive validators.
/// </summary>
public static class OneDriveSetupChecks
{
    /// <summary>The storage's settings: tenant, client id and secret, drive id.</summary>
    public const string Configuration = nameof(Configuration);

    /// <summary>Entra ID issues the app-only token (client credentials): tenant, client id and secret are right.</summary>
    public const string ClientCredentials = nameof(ClientCredentials);

    /// <summary>The drive's root can be listed with the app-only token: the drive id names a drive the app may read.</summary>
    public const string Drive = nameof(Drive);

    /// <summary>A test folder can be created in the drive's root and deleted again.</summary>
    public const string FolderWriteTest = nameof(FolderWriteTest);

    /// <summary>The drive's root holds nothing but the managed project folders.</summary>
    public const string DriveContents = nameof(DriveContents);
}
