namespace OpenProject.Storages.OneDrive;

/// <summary>The named <see cref="HttpClient"/> the OneDrive account feature uses for Entra ID's token endpoint and <c>GET /me</c>.</summary>
public static class OneDriveAccountsHttpClient
{
    /// <summary>
    /// The client's name, for configuring it with <c>services.AddHttpClient(OneDriveAccountsHttpClient.Name)</c>. Do not
    /// add a retry policy to it: refresh tokens rotate, and a retried refresh whose first answer was lost may be refused.
    /// </summary>
    public const string Name = "OpenProject.Storages.OneDrive.Accounts";
}
