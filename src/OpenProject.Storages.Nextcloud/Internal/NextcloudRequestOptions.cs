namespace OpenProject.Storages.Nextcloud.Internal;

/// <summary>
/// Per-request context that travels on <see cref="HttpRequestMessage.Options"/> from the storage
/// operations to the authentication handler, so one named <see cref="HttpClient"/> serves every user.
/// </summary>
internal static class NextcloudRequestOptions
{
    /// <summary>On whose behalf the request runs; the handler attaches that actor's credentials.</summary>
    public static readonly HttpRequestOptionsKey<StorageActor> Actor = new("OpenProject.Storages.Actor");

    /// <summary>The storage the request belongs to.</summary>
    public static readonly HttpRequestOptionsKey<StorageId> Storage = new("OpenProject.Storages.Storage");

    /// <summary>The storage's <see cref="NextcloudStorageOptions.MaxRetryAfter"/>, for the retry strategy, which knows no storage.</summary>
    public static readonly HttpRequestOptionsKey<TimeSpan> MaxRetryAfter = new("OpenProject.Storages.MaxRetryAfter");
}
