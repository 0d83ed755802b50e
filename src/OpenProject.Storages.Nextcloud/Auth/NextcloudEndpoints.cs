namespace OpenProject.Storages.Nextcloud;

/// <summary>The Nextcloud URLs the account feature talks to, resolved against a configured base address.</summary>
internal static class NextcloudEndpoints
{
    public const string Authorize = "index.php/apps/oauth2/authorize";
    public const string Token = "index.php/apps/oauth2/api/v1/token";
    public const string CurrentUser = "ocs/v1.php/cloud/user?format=json";

    /// <summary>Resolves a relative path below the base address, keeping a sub-path such as <c>/nextcloud/</c>.</summary>
    public static Uri Resolve(Uri baseAddress, string relative) => new(WithTrailingSlash(baseAddress), relative);

    public static Uri WithTrailingSlash(Uri baseAddress)
    {
        if (baseAddress.AbsolutePath.EndsWith('/'))
        {
            return baseAddress;
        }

        var builder = new UriBuilder(baseAddress) { Query = string.Empty, Fragment = string.Empty };
        builder.Path += "/";
        return builder.Uri;
    }

    /// <summary>
    /// Whether a request goes to the configured Nextcloud: same scheme, host and port, and a path below the
    /// base path (so a Nextcloud under <c>/nextcloud/</c> does not share tokens with other apps on that host).
    /// </summary>
    public static bool IsBelow(Uri? requestUri, Uri baseAddress)
    {
        if (requestUri is null || !requestUri.IsAbsoluteUri)
        {
            return false;
        }

        var root = WithTrailingSlash(baseAddress);
        return string.Equals(requestUri.Scheme, root.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(requestUri.IdnHost, root.IdnHost, StringComparison.OrdinalIgnoreCase)
            && requestUri.Port == root.Port
            && requestUri.AbsolutePath.StartsWith(root.AbsolutePath, StringComparison.Ordinal);
    }

    /// <summary>Whether two redirect URIs are the same: scheme, host, port and path, exactly; the query is ignored.</summary>
    public static bool SameRedirectUri(Uri actual, Uri configured) =>
        actual.IsAbsoluteUri
        && string.Equals(actual.Scheme, configured.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(actual.IdnHost, configured.IdnHost, StringComparison.OrdinalIgnoreCase)
        && actual.Port == configured.Port
        && string.Equals(actual.AbsolutePath, configured.AbsolutePath, StringComparison.Ordinal);
}
