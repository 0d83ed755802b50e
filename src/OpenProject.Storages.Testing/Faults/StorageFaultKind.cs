namespace OpenProject.Storages.Testing;

/// <summary>What an injected <see cref="StorageFault"/> does to a request.</summary>
public enum StorageFaultKind
{
    /// <summary>The storage refuses the user's credentials: <see cref="StorageErrorCode.Unauthorized"/>, HTTP 401.</summary>
    Unauthorized,

    /// <summary>The storage is down: <see cref="StorageErrorCode.Unavailable"/>, HTTP 503.</summary>
    Unavailable,

    /// <summary>The storage does not answer in time: <see cref="StorageErrorCode.Unavailable"/> with an inner <see cref="TimeoutException"/>, after <see cref="StorageFault.Delay"/>.</summary>
    Timeout,

    /// <summary>The storage answers something unreadable: <see cref="StorageErrorCode.InvalidResponse"/>.</summary>
    InvalidResponse,

    /// <summary>The storage answers normally, after <see cref="StorageFault.Delay"/>.</summary>
    Latency,
}
