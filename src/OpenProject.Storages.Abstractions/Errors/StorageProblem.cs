namespace OpenProject.Storages;

/// <summary>How a failure is shown to a user: a state to branch on plus a title and message to display.</summary>
public sealed record StorageProblem
{
    /// <summary>The state the failure puts the storage in, for this user.</summary>
    public required StorageConnectionState State { get; init; }

    /// <summary>A short title, for example "Login to Nextcloud".</summary>
    public required string Title { get; init; }

    /// <summary>What the user can do about it.</summary>
    public required string Message { get; init; }

    /// <summary>The underlying error code.</summary>
    public required StorageErrorCode Code { get; init; }
}
