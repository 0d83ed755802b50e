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

    /// <summary>
    /// The access token the operation already fetched for this user (to learn their Nextcloud user id),
    /// so the handler does not ask the token provider a second time. Never logged.
    /// </summary>
    public static readonly HttpRequestOptionsKey<StorageAccessToken> AccessToken = new("OpenProject.Storages.AccessToken");
}
