namespace OpenProject.Storages.Nextcloud;

/// <summary>
/// The Nextcloud-specific codes of setup warnings and failures (<see cref="StorageCheckResult.Code"/>),
/// beside the provider-neutral <see cref="StorageSetupCodes"/>. Each is listed with its cause and fix in
/// <c>docs/setup-and-troubleshooting.md</c>.
/// </summary>
public static class NextcloudSetupCodes
{
    /// <summary><c>status.php</c> answered, but not as Nextcloud does: another server or application is at this address.</summary>
    public const string NotNextcloud = nameof(NotNextcloud);

    /// <summary>Nextcloud answers but is not installed yet (<c>installed: false</c>).</summary>
    public const string NextcloudNotInstalled = nameof(NextcloudNotInstalled);

    /// <summary>Nextcloud is in maintenance mode, or waits for a database upgrade.</summary>
    public const string MaintenanceMode = nameof(MaintenanceMode);

    /// <summary>The Nextcloud version is below the supported minimum.</summary>
    public const string NextcloudVersionUnsupported = nameof(NextcloudVersionUnsupported);

    /// <summary>The capabilities are not valid JSON, or lack the OCS envelope or the <c>capabilities</c> object.</summary>
    public const string CapabilitiesMalformed = nameof(CapabilitiesMalformed);

    /// <summary>The integration_openproject app is not installed, or not enabled.</summary>
    public const string IntegrationAppMissing = nameof(IntegrationAppMissing);

    /// <summary>The integration_openproject app is older than the minimum version. A warning.</summary>
    public const string IntegrationAppTooOld = nameof(IntegrationAppTooOld);

    /// <summary>The integration_openproject app's version is not <c>major.minor.patch</c>, so it cannot be compared. A warning.</summary>
    public const string IntegrationAppVersionUnreadable = nameof(IntegrationAppVersionUnreadable);

    /// <summary>A reverse proxy or the web server drops the <c>Authorization</c> header before it reaches Nextcloud.</summary>
    public const string AuthorizationHeaderStripped = nameof(AuthorizationHeaderStripped);

    /// <summary>The team folders app (groupfolders) is not installed.</summary>
    public const string TeamFoldersAppMissing = nameof(TeamFoldersAppMissing);

    /// <summary>The team folders app (groupfolders) is installed but not enabled.</summary>
    public const string TeamFoldersAppDisabled = nameof(TeamFoldersAppDisabled);

    /// <summary>The team folders app is older than the minimum version. A warning.</summary>
    public const string TeamFoldersAppTooOld = nameof(TeamFoldersAppTooOld);

    /// <summary>No app password is configured for the technical user.</summary>
    public const string AppPasswordMissing = nameof(AppPasswordMissing);

    /// <summary>Nextcloud refused the technical user's app password (wrong, revoked or renewed).</summary>
    public const string AppPasswordRejected = nameof(AppPasswordRejected);

    /// <summary>The team folder that holds the project folders does not exist, or the technical user cannot see it.</summary>
    public const string TeamFolderMissing = nameof(TeamFolderMissing);

    /// <summary>The folder exists but is not a team folder (an ordinary folder of the technical user).</summary>
    public const string TeamFolderNotATeamFolder = nameof(TeamFolderNotATeamFolder);

    /// <summary>The team folder has advanced permissions (ACL) off, or the technical user may not manage them.</summary>
    public const string TeamFolderAclNotManageable = nameof(TeamFolderAclNotManageable);
}
