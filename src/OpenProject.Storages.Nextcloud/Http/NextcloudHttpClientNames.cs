namespace OpenProject.Storages.Nextcloud.Http;

/// <summary>The names of a storage's <see cref="HttpClient"/>s in <see cref="IHttpClientFactory"/>.</summary>
internal static class NextcloudHttpClientNames
{
    /// <summary>Short requests (PROPFIND, OCS, MKCOL, MOVE, DELETE): resilience with time-outs and safe retries.</summary>
    public static string Api(string storageName) => "OpenProject.Storages.Nextcloud:" + storageName;

    /// <summary>Transfers (PUT, chunks, the final assembly MOVE, downloads): no time-out that could cut a large file, no retries.</summary>
    public static string Transfer(string storageName) => "OpenProject.Storages.Nextcloud:" + storageName + ":transfer";

    /// <summary>Setup checks' anonymous probes: no retries and no credentials, so a check reports what the server does at once.</summary>
    public static string Health(string storageName) => "OpenProject.Storages.Nextcloud:" + storageName + ":health";
}
