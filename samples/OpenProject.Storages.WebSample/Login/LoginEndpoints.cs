namespace OpenProject.Storages.WebSample.Login;

/// <summary>Where the "Nextcloud login" button goes: <c>GET /nextcloud/connect?returnUrl=</c>, whichever storage the sample runs on.</summary>
public static class LoginEndpoints
{
    public const string Prefix = "/nextcloud";

    /// <summary>The button's address, coming back to <paramref name="returnUrl"/> (a local path) afterwards.</summary>
    public static string ConnectUrl(string returnUrl) => $"{Prefix}/connect?returnUrl={Uri.EscapeDataString(returnUrl)}";
}
