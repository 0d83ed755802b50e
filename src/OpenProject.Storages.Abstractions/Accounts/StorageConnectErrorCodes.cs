namespace OpenProject.Storages;

/// <summary>
/// The <see cref="StorageErrorCode"/>s of a refused account callback, one per check of
/// <see cref="StorageAccountConnector.CompleteConnectAsync"/>, named after the provider:
/// <c>{ProviderName}.Connect.{Check}</c> (for example <c>OneDrive.Connect.StateExpired</c>).
/// </summary>
public sealed class StorageConnectErrorCodes
{
    /// <summary>Creates the codes of one provider.</summary>
    /// <param name="providerName">The provider's name (<see cref="IStorageOAuthClient.ProviderName"/>).</param>
    public StorageConnectErrorCodes(string providerName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerName);
        StateMissing = new($"{providerName}.Connect.StateMissing");
        StateUnknown = new($"{providerName}.Connect.StateUnknown");
        StateReused = new($"{providerName}.Connect.StateReused");
        StateExpired = new($"{providerName}.Connect.StateExpired");
        StateUserMismatch = new($"{providerName}.Connect.StateUserMismatch");
        RedirectUriMismatch = new($"{providerName}.Connect.RedirectUriMismatch");
        AuthorizationFailed = new($"{providerName}.Connect.AuthorizationFailed");
        CodeMissing = new($"{providerName}.Connect.CodeMissing");
    }

    /// <summary>The callback has no <c>state</c> parameter: it did not come from a flow this app started.</summary>
    public StorageErrorCode StateMissing { get; }

    /// <summary>The callback's <c>state</c> was never issued (or was forgotten, for example after a restart with an in-memory state store).</summary>
    public StorageErrorCode StateUnknown { get; }

    /// <summary>The callback's <c>state</c> was already used: a reload of the callback page or a replayed link.</summary>
    public StorageErrorCode StateReused { get; }

    /// <summary>The callback's <c>state</c> expired: the user took longer than <see cref="IStorageAccountOptions.ConnectStateLifetime"/>.</summary>
    public StorageErrorCode StateExpired { get; }

    /// <summary>The callback's <c>state</c> was issued to another host user than the one completing the flow.</summary>
    public StorageErrorCode StateUserMismatch { get; }

    /// <summary>The callback arrived at another URL than the configured redirect URI.</summary>
    public StorageErrorCode RedirectUriMismatch { get; }

    /// <summary>The server sent the user back with an <c>error</c> parameter (for example <c>access_denied</c>); <see cref="StorageException.Detail"/> holds it.</summary>
    public StorageErrorCode AuthorizationFailed { get; }

    /// <summary>The callback has a valid <c>state</c> but neither a <c>code</c> nor an <c>error</c>.</summary>
    public StorageErrorCode CodeMissing { get; }
}
