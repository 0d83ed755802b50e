using OpenIddict.Validation.AspNetCore;

namespace OpenProject.Storages.Nextcloud.AspNetCore;

/// <summary>Names the Nextcloud integration registers.</summary>
public static class NextcloudIntegrationDefaults
{
    /// <summary>
    /// The authentication scheme that accepts the Bearer tokens the authorization server issued to Nextcloud.
    /// Protect an endpoint Nextcloud calls with it; a missing, expired or revoked token gets 401.
    /// </summary>
    public const string AuthenticationScheme = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;

    /// <summary>The scope every token issued to Nextcloud carries: OpenProject's API v3.</summary>
    public const string ApiScope = "api_v3";
}
