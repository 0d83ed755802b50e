namespace OpenProject.Storages.Nextcloud;

/// <summary>
/// How a Nextcloud storage's setup is checked, configured per storage name
/// (<c>services.Configure&lt;NextcloudSetupOptions&gt;("name", ...)</c>). The defaults follow OpenProject.
/// </summary>
public sealed class NextcloudSetupOptions
{
    /// <summary>Whether automatically managed project folders are used, so the project folder checks run (default off).</summary>
    public bool ProjectFoldersEnabled { get; set; }

    /// <summary>The oldest supported Nextcloud version (default 27.0.0).</summary>
    public Version MinimumNextcloudVersion { get; set; } = new(27, 0, 0);

    /// <summary>The oldest integration_openproject version without a warning (default 2.6.3, OpenProject's <c>nextcloud_dependencies.yml</c>).</summary>
    public Version MinimumIntegrationAppVersion { get; set; } = new(2, 6, 3);

    /// <summary>The oldest team folders (groupfolders) version without a warning (default 14.0.9, as OpenProject).</summary>
    public Version MinimumTeamFoldersVersion { get; set; } = new(14, 0, 9);

    /// <summary>How long each request of a check may take (default 5 seconds). A check never retries.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many unexpected files a <see cref="NextcloudSetupChecks.TeamFolderContents"/> warning names (default 5).</summary>
    public int UnexpectedFileExamples { get; set; } = 5;
}
