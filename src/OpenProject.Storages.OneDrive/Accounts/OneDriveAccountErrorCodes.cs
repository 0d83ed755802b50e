namespace OpenProject.Storages.OneDrive;

/// <summary>
/// The <see cref="StorageErrorCode"/>s of connecting a user's OneDrive (Microsoft Entra ID) account. A refused
/// callback has the shared checks' codes (<see cref="Callback"/>, for example <c>OneDrive.Connect.StateExpired</c>);
/// the code exchange adds its own. Refreshing a token fails with the well-known codes
/// (<see cref="StorageErrorCode.Unauthorized"/>, <see cref="StorageErrorCode.Unavailable"/>,
/// <see cref="StorageErrorCode.NotConfigured"/>), because a Files tab only needs to know whether to show
/// "Login to OneDrive" or "No connection".
/// </summary>
public static class OneDriveAccountErrorCodes
{
    /// <summary>The codes of a callback refused before the code exchange (state, redirect URI, <c>error</c> parameter, missing code).</summary>
    public static StorageConnectErrorCodes Callback { get; } = new("OneDrive");

    /// <summary>Entra ID answered the code exchange with <c>invalid_grant</c>: the code expired (<c>AADSTS70008</c>), was redeemed already (<c>AADSTS54005</c>) or the PKCE verifier did not match (<c>AADSTS501481</c>).</summary>
    public static StorageErrorCode InvalidGrant { get; } = new("OneDrive.Connect.InvalidGrant");

    /// <summary>Entra ID answered the code exchange with <c>invalid_client</c> (a wrong secret, <c>AADSTS7000215</c>) or <c>unauthorized_client</c> (an unknown client id, <c>AADSTS700016</c>).</summary>
    public static StorageErrorCode InvalidClient { get; } = new("OneDrive.Connect.InvalidClient");
}
