namespace OpenProject.Storages.Nextcloud.Internal;

/// <summary>
/// Builds every Nextcloud URL from the configured base address (which may carry a sub-path such as
/// <c>/nextcloud/</c>). Path segments are escaped by <see cref="StoragePath"/> and user ids with
/// <see cref="Uri.EscapeDataString(string)"/>; nothing else is joined by hand.
/// </summary>
internal sealed class NextcloudUris
{
    private readonly Uri _base;

    public NextcloudUris(Uri baseAddress)
    {
        var text = baseAddress.GetLeftPart(UriPartial.Path);
        _base = new Uri(text.EndsWith('/') ? text : text + "/", UriKind.Absolute);
    }

    /// <summary>The base address, always ending with <c>/</c>.</summary>
    public Uri Base => _base;

    /// <summary><c>remote.php/dav/files/{user}/{path}</c>; folders get no trailing slash (Nextcloud accepts both).</summary>
    public Uri Files(string storageUserId, StoragePath path) =>
        new(_base, "remote.php/dav/files/" + Uri.EscapeDataString(storageUserId) + (path.IsRoot ? "/" : path.ToEscapedString()));

    /// <summary><c>remote.php/dav/uploads/{user}/{uploadId}</c>.</summary>
    public Uri UploadFolder(string storageUserId, string uploadId) =>
        new(_base, "remote.php/dav/uploads/" + Uri.EscapeDataString(storageUserId) + "/" + Uri.EscapeDataString(uploadId));

    /// <summary>A chunk or the <c>.file</c> inside an upload folder.</summary>
    public Uri UploadPart(string storageUserId, string uploadId, string part) =>
        new(_base, "remote.php/dav/uploads/" + Uri.EscapeDataString(storageUserId) + "/" + Uri.EscapeDataString(uploadId) + "/" + Uri.EscapeDataString(part));

    /// <summary>The integration app's single file info (OCS v1).</summary>
    public Uri FileInfo(string fileId) =>
        new(_base, "ocs/v1.php/apps/integration_openproject/fileinfo/" + Uri.EscapeDataString(fileId));

    /// <summary>The integration app's bulk file info (OCS v1).</summary>
    public Uri FilesInfo() => new(_base, "ocs/v1.php/apps/integration_openproject/filesinfo");

    /// <summary>Nextcloud core's direct download link (OCS v2).</summary>
    public Uri DirectDownload() => new(_base, "ocs/v2.php/apps/dav/api/v1/direct");

    /// <summary>The integration app's direct upload token endpoint.</summary>
    public Uri DirectUploadToken() => new(_base, "index.php/apps/integration_openproject/direct-upload-token");

    /// <summary>The one-time URL a browser posts the file to.</summary>
    public Uri DirectUpload(string token) =>
        new(_base, "index.php/apps/integration_openproject/direct-upload/" + Uri.EscapeDataString(token));

    /// <summary><c>index.php/f/{id}?openfile=1|0</c>; always with <c>index.php/</c> (servers without pretty URLs).</summary>
    public Uri OpenFile(FileId fileId, bool openFile) =>
        new(_base, "index.php/f/" + Uri.EscapeDataString(fileId.Value) + (openFile ? "?openfile=1" : "?openfile=0"));

    /// <summary>The OAuth2 authorize page: <c>index.php/apps/oauth2/authorize</c>.</summary>
    public Uri OAuthAuthorize() => new(_base, "index.php/apps/oauth2/authorize");

    /// <summary>The OAuth2 token endpoint: <c>index.php/apps/oauth2/api/v1/token</c>.</summary>
    public Uri OAuthToken() => new(_base, "index.php/apps/oauth2/api/v1/token");

    /// <summary>Who the current token belongs to: <c>ocs/v1.php/cloud/user?format=json</c>.</summary>
    public Uri CurrentUser() => new(_base, "ocs/v1.php/cloud/user?format=json");

    /// <summary>
    /// Whether a request goes to the configured Nextcloud: same scheme, host and port, and a path below the
    /// base path (so a Nextcloud under <c>/nextcloud/</c> does not share credentials with other apps on that host).
    /// </summary>
    public bool IsBelowBase(Uri? uri) =>
        uri is { IsAbsoluteUri: true }
        && string.Equals(uri.Scheme, _base.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.IdnHost, _base.IdnHost, StringComparison.OrdinalIgnoreCase)
        && uri.Port == _base.Port
        && uri.AbsolutePath.StartsWith(_base.AbsolutePath, StringComparison.Ordinal);
}
