namespace OpenProject.Storages;

/// <summary>A host user's completed connection to a storage account (OAuth2).</summary>
public sealed record StorageAccountConnection
{
    /// <summary>The storage.</summary>
    public required StorageId Storage { get; init; }

    /// <summary>The host user.</summary>
    public required HostUserId User { get; init; }

    /// <summary>The user's id in the storage (Nextcloud's user id, used in WebDAV paths; the Microsoft Entra object id for OneDrive), as <see cref="StorageToken.StorageUserId"/> keeps it.</summary>
    public required string StorageUserId { get; init; }

    /// <summary>The return URL the host passed to <see cref="StorageAccountConnector.BeginConnectAsync"/>, if any; the host must check it is one of its own pages before redirecting.</summary>
    public string? ReturnUrl { get; init; }
}
