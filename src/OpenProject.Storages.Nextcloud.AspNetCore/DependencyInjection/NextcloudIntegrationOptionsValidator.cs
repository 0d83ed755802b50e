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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
