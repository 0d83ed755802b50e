using Microsoft.Extensions.Options;

namespace OpenProject.Storages.Nextcloud.DependencyInjection;

/// <summary>The cross-field rules of <see cref="NextcloudStorageOptions"/>, checked at start-up. Messages never show a secret.</summary>
internal sealed class NextcloudStorageOptionsValidator : IValidateOptions<NextcloudStorageOptions>
{
    private const long MiB = 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, NextcloudStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var storage = string.IsNullOrEmpty(name) ? "(default)" : name;
        var failures = new List<string>();
        var address = options.BaseAddress;
        if (address is null || !address.IsAbsoluteUri)
        {
            failures.Add($"Nextcloud storage '{storage}': BaseAddress must be an absolute URL such as https://cloud.example.com/ (with a sub-path if Nextcloud is installed under one).");
        }
        else
        {
            if (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp)
            {
                failures.Add($"Nextcloud storage '{storage}': BaseAddress must use https.");
            }
            else if (address.Scheme == Uri.UriSchemeHttp && !address.IsLoopback && !options.AllowInsecureHttp)
            {
                failures.Add($"Nextcloud storage '{storage}': BaseAddress must use https (tokens and passwords would travel unencrypted). Plain http is allowed only for loopback addresses or with AllowInsecureHttp.");
            }

            if (!string.IsNullOrEmpty(address.UserInfo))
            {
                failures.Add($"Nextcloud storage '{storage}': BaseAddress must not contain credentials; use TechnicalUserName and TechnicalUserAppPassword.");
            }

            if (!string.IsNullOrEmpty(address.Query) || !string.IsNullOrEmpty(address.Fragment))
            {
                failures.Add($"Nextcloud storage '{storage}': BaseAddress must not have a query or fragment.");
            }
        }

        if (!string.IsNullOrEmpty(options.TechnicalUserAppPassword) && string.IsNullOrWhiteSpace(options.TechnicalUserName))
        {
            failures.Add($"Nextcloud storage '{storage}': TechnicalUserName is required when TechnicalUserAppPassword is set.");
        }

        if (options.ChunkedUploadThreshold <= 0)
        {
            failures.Add($"Nextcloud storage '{storage}': ChunkedUploadThreshold must be positive.");
        }

        if (options.UploadChunkSize < MiB || options.UploadChunkSize > 1024 * MiB)
        {
            failures.Add($"Nextcloud storage '{storage}': UploadChunkSize must be between 1 MiB and 1 GiB.");
        }

        if (options.MaxListingEntries < 1)
        {
            failures.Add($"Nextcloud storage '{storage}': MaxListingEntries must be positive.");
        }

        if (options.UploadChunkConcurrency is < 1 or > 16)
        {
            failures.Add($"Nextcloud storage '{storage}': UploadChunkConcurrency must be between 1 and 16.");
        }

        if (options.FilesInfoBatchSize is < 1 or > 1000)
        {
            failures.Add($"Nextcloud storage '{storage}': FilesInfoBatchSize must be between 1 and 1000.");
        }

        if (options.FilesInfoMaxConcurrency is < 1 or > 16)
        {
            failures.Add($"Nextcloud storage '{storage}': FilesInfoMaxConcurrency must be between 1 and 16.");
        }

        if (options.MaxRetryAfter < TimeSpan.Zero || options.MaxRetryAfter > TimeSpan.FromMinutes(10))
        {
            failures.Add($"Nextcloud storage '{storage}': MaxRetryAfter must be between 0 and 10 minutes.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestAttemptTimeout <= TimeSpan.Zero || options.RequestAttemptTimeout > options.RequestTimeout)
        {
            failures.Add($"Nextcloud storage '{storage}': RequestTimeout and RequestAttemptTimeout must be positive, and RequestAttemptTimeout at most RequestTimeout.");
        }

        if (options.TransferIdleTimeout <= TimeSpan.Zero || options.TokenRequestTimeout <= TimeSpan.Zero)
        {
            failures.Add($"Nextcloud storage '{storage}': TransferIdleTimeout and TokenRequestTimeout must be positive.");
        }

        // Error details read up to LimitedBody.MaxBytes; a smaller limit would cut them.
        if (options.MaxResponseBodySize < Internal.LimitedBody.MaxBytes || options.MaxMultiStatusBodySize < Internal.LimitedBody.MaxBytes)
        {
            failures.Add($"Nextcloud storage '{storage}': MaxResponseBodySize and MaxMultiStatusBodySize must be at least 64 KiB.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
