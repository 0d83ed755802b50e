using Microsoft.Extensions.Options;

namespace OpenProject.Storages.Nextcloud.AspNetCore.ApiV3;

/// <summary>
/// Recognises this Nextcloud in <c>storageUrl</c> and <c>linkable_to_storage_url</c>: the app sends its
/// <c>overwrite.cli.url</c>, URL-encoded once more inside the JSON of the filter, with or without a trailing slash,
/// http as configured (newer releases force https). Host, non-default port and path are compared; the scheme is not.
/// </summary>
internal sealed class StorageUrl(IOptions<NextcloudIntegrationOptions> options)
{
    private const string AppRedirectPath = "/index.php/apps/integration_openproject/oauth-redirect";

    public StorageId Storage => new(options.Value.StorageId);

    public Uri Address
    {
        get
        {
            var value = options.Value;
            if (value.StorageUrl is { } configured)
            {
                return configured;
            }

            var redirect = value.RedirectUri!.GetLeftPart(UriPartial.Path);
            var at = redirect.IndexOf(AppRedirectPath, StringComparison.OrdinalIgnoreCase);
            return new Uri(at < 0 ? value.RedirectUri!.GetLeftPart(UriPartial.Authority) : redirect[..at]);
        }
    }

    /// <summary>Whether a value from a request names this Nextcloud.</summary>
    public bool Matches(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 2048)
        {
            return false;
        }

        // Percent-decoded at most twice: the query decoding took one layer, the app's urlencode adds one more.
        for (var layer = 0; layer < 2 && value.Contains('%', StringComparison.Ordinal); layer++)
        {
            value = Uri.UnescapeDataString(value);
        }

        return Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && string.Equals(Key(uri), Key(Address), StringComparison.OrdinalIgnoreCase);
    }

    private static string Key(Uri uri) => (uri.IsDefaultPort ? uri.Host : uri.Host + ":" + uri.Port) + uri.AbsolutePath.TrimEnd('/');
}
