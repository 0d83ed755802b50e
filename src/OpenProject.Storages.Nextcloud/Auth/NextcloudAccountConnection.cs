namespace OpenProject.Storages.Nextcloud;

/// <summary>A host user's completed connection to a Nextcloud storage.</summary>
public sealed record NextcloudAccountConnection
{
    /// <summary>The storage.</summary>
    public required StorageId Storage { get; init; }

    /// <summary>The host user.</summary>
    public required HostUserId User { get; init; }

    /// <summary>The user's id in Nextcloud (used in WebDAV paths and for project folder membership).</summary>
    public required string NextcloudUserId { get; init; }

    /// <summary>The return URL the host passed to <see cref="NextcloudAccounts.BeginConnectAsync"/>, if any; the host must check it is one of its own pages before redirecting.</summary>
    public string? ReturnUrl { get; init; }
}
