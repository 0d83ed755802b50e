using Microsoft.Extensions.Options;

namespace OpenProject.Storages.Nextcloud.AspNetCore.DependencyInjection;

/// <summary>Refuses, at start-up, options with which Nextcloud could never connect.</summary>
internal sealed class NextcloudIntegrationOptionsValidator : IValidateOptions<NextcloudIntegrationOptions>
{
    public ValidateOptionsResult Validate(string? name, NextcloudIntegrationOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add("ClientId is required.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add("ClientSecret is required.");
        }

        if (options.RedirectUri is not { IsAbsoluteUri: true } redirect || (redirect.Scheme != Uri.UriSchemeHttps && redirect.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add("RedirectUri must be an absolute http(s) URI: {nextcloud}/index.php/apps/integration_openproject/oauth-redirect.");
        }

        if (options.AccessTokenLifetime <= TimeSpan.Zero || options.RefreshTokenLifetime <= TimeSpan.Zero)
        {
            failures.Add("AccessTokenLifetime and RefreshTokenLifetime must be positive.");
        }

        if (options.RefreshTokenReuseLeeway < TimeSpan.Zero || options.RefreshTokenReuseLeeway > TimeSpan.FromMinutes(5))
        {
            failures.Add("RefreshTokenReuseLeeway must be between zero and 5 minutes: longer makes a stolen refresh token useful for long.");
        }

        if (string.IsNullOrWhiteSpace(options.StorageId))
        {
            failures.Add("StorageId is required: the id of the storage that is this Nextcloud.");
        }

        if (options.StorageUrl is { IsAbsoluteUri: false })
        {
            failures.Add("StorageUrl must be absolute: the Nextcloud's overwrite.cli.url.");
        }

        if (string.IsNullOrWhiteSpace(options.InstanceName))
        {
            failures.Add("InstanceName is required: the app refuses an instance without a name.");
        }

        if (options.DefaultPageSize < 1 || options.MaxPageSize < options.DefaultPageSize || options.MaxRequestBodySize < 1024)
        {
            failures.Add("DefaultPageSize must be at least 1 and at most MaxPageSize; MaxRequestBodySize at least 1,024 bytes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
