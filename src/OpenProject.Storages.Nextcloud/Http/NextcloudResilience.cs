using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace OpenProject.Storages.Nextcloud.Http;

/// <summary>
/// The API client's resilience: the standard pipeline with longer time-outs (a depth-1 PROPFIND of
/// a big folder is slow), and retries only for safe methods with a body that can be sent again.
/// The library's own unsafe list lacks WebDAV's MKCOL, MOVE, COPY, PROPPATCH and LOCK: a retried
/// MOVE whose first attempt succeeded would fail with 404 and hide the success.
/// </summary>
internal static class NextcloudResilience
{
    private static readonly HashSet<string> NeverRetried = new(StringComparer.OrdinalIgnoreCase)
    {
        "POST", "PUT", "PATCH", "DELETE", "CONNECT", "MKCOL", "MOVE", "COPY", "PROPPATCH", "LOCK", "UNLOCK",
    };

    /// <summary>Whether a failed attempt of this request may be sent again.</summary>
    public static bool MayRetry(HttpRequestMessage? request) =>
        request is not null
        && !NeverRetried.Contains(request.Method.Method)
        && NextcloudAuthenticationHandler.IsReplayable(request.Content);

    public static void Configure(HttpStandardResilienceOptions options)
    {
        options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(30);
        options.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(2);
        options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(60);
        options.Retry.ShouldRetryAfterHeader = true;
        var transient = options.Retry.ShouldHandle;
        options.Retry.ShouldHandle = args => MayRetry(args.Context.GetRequestMessage()) ? transient(args) : ValueTask.FromResult(false);
    }
}
