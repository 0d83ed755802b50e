namespace OpenProject.Storages.Nextcloud;

/// <summary>The named <see cref="HttpClient"/> the account feature uses for Nextcloud's OAuth2 token endpoint.</summary>
public static class NextcloudAccountsHttpClient
{
    /// <summary>
    /// The client's name, for configuring it (for example its timeout) with
    /// <c>services.AddHttpClient(NextcloudAccountsHttpClient.Name)</c>. Do not add a retry policy to it:
    /// refresh tokens are single-use, and a retried refresh whose first answer was lost is refused.
    /// </summary>
    public const string Name = "OpenProject.Storages.Nextcloud.Accounts";
}
