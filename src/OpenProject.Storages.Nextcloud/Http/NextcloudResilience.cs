using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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
        && NextcloudCredentialsHandler.CanReplay(request.Content);

    /// <summary>Adds the standard pipeline to the API client, its time-outs read from the storage's named options.</summary>
    public static IHttpStandardResiliencePipelineBuilder Add(IHttpClientBuilder http, string name)
    {
        var resilience = http.AddStandardResilienceHandler();
        http.Services.AddOptions<HttpStandardResilienceOptions>(resilience.PipelineName)
            .Configure<IOptionsMonitor<NextcloudStorageOptions>>((options, storage) => Configure(options, () => storage.Get(name)));
        return resilience;
    }

    /// <summary>
    /// The storage's time-outs, read at each request (the options are validated by then, not when the handler is
    /// built): <see cref="NextcloudStorageOptions.RequestAttemptTimeout"/> per attempt until its headers; the whole
    /// request, body included, is bounded by <see cref="Internal.BoundedExchange"/>, so the pipeline's total is only
    /// a backstop just past <see cref="NextcloudStorageOptions.RequestTimeout"/>.
    /// </summary>
    public static void Configure(HttpStandardResilienceOptions options, Func<NextcloudStorageOptions> storage)
    {
        options.AttemptTimeout.TimeoutGenerator = _ => ValueTask.FromResult(storage().RequestAttemptTimeout);
        options.TotalRequestTimeout.TimeoutGenerator = _ => ValueTask.FromResult(storage().RequestTimeout + TimeSpan.FromSeconds(1));
        options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(60);
        options.Retry.ShouldRetryAfterHeader = true;
        var transient = options.Retry.ShouldHandle;
        options.Retry.ShouldHandle = args => MayRetry(args.Context.GetRequestMessage()) ? transient(args) : ValueTask.FromResult(false);
    }
}
