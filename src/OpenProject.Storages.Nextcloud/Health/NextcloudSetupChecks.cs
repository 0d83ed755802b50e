namespace OpenProject.Storages.Nextcloud;

/// <summary>
/// The names of the Nextcloud setup checks (<see cref="StorageCheckResult.Check"/>), in the order they run,
/// beside the provider-neutral <see cref="StorageSetupChecks"/>.
/// </summary>
public static class NextcloudSetupChecks
{
    /// <summary>The storage's settings: a base address, https.</summary>
    public const string Configuration = nameof(Configuration);

    /// <summary><c>status.php</c>: the host answers, is Nextcloud, installed and not in maintenance.</summary>
    public const string ServerStatus = nameof(ServerStatus);

    /// <summary>The Nextcloud version is supported.</summary>
    public const string NextcloudVersion = nameof(NextcloudVersion);

    /// <summary>The OCS capabilities can be read.</summary>
    public const string Capabilities = nameof(Capabilities);

    /// <summary>The integration_openproject app is installed and enabled.</summary>
    public const string IntegrationApp = nameof(IntegrationApp);

    /// <summary>The integration_openproject app is at or above the minimum version.</summary>
    public const string IntegrationAppVersion = nameof(IntegrationAppVersion);

    /// <summary>The <c>Authorization</c> header reaches Nextcloud (the app's <c>check-config</c> echo).</summary>
    public const string AuthorizationHeader = nameof(AuthorizationHeader);

    /// <summary>An OAuth client id and secret are configured.</summary>
    public const string OAuthClient = nameof(OAuthClient);

    /// <summary>The team folders app is installed, enabled and recent enough.</summary>
    public const string TeamFoldersApp = nameof(TeamFoldersApp);

    /// <summary>The technical user's app password works.</summary>
    public const string TechnicalUser = nameof(TechnicalUser);

    /// <summary>The team folder exists and is a team folder.</summary>
    public const string TeamFolder = nameof(TeamFolder);

    /// <summary>The technical user can manage the team folder's ACL.</summary>
    public const string TeamFolderAcl = nameof(TeamFolderAcl);

    /// <summary>The team folder holds nothing but project folders.</summary>
    public const string TeamFolderContents = nameof(TeamFolderContents);
}
