namespace OpenProject.Storages;

/// <summary>The state of a storage for one user, as a Files tab shows it.</summary>
public enum StorageConnectionState
{
    /// <summary>Everything worked.</summary>
    Ready,

    /// <summary>The user has no token, or the storage refused it: show "Login to Nextcloud".</summary>
    LoginRequired,

    /// <summary>The storage could not be reached (down, timed out, server error, misconfigured).</summary>
    NoConnection,

    /// <summary>The storage answered, but the live file data could not be read (garbage, unexpected error).</summary>
    FetchError,

    /// <summary>The user lacks a permission for the action, in the host or in the storage.</summary>
    PermissionMissing,
}
