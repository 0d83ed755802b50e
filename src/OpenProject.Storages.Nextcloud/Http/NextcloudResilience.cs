using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenProject.Storages.Nextcloud.Internal;
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
        // The library's own Retry-After generator waits as long as the server says: a date in the year 9999
        // overflows the delay (ArgumentOutOfRangeException out of Task.Delay). This one honours a wish up to the
        // storage's MaxRetryAfter; a longer one is not retried at all (NextcloudConnection reports it).
        options.Retry.ShouldRetryAfterHeader = false;
        options.Retry.DelayGenerator = args => ValueTask.FromResult(RetryAfterWithinBound(args.Outcome.Result, args.Context.GetRequestMessage()));
        var transient = options.Retry.ShouldHandle;
        options.Retry.ShouldHandle = args => MayRetry(args.Context.GetRequestMessage()) && RetryAfterBeyondBound(args.Outcome.Result) is null
            ? transient(args)
            : ValueTask.FromResult(false);
    }

    /// <summary>The storage's bound, carried on the request (the default when a request was built elsewhere).</summary>
    public static TimeSpan MaxRetryAfterOf(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(NextcloudRequestOptions.MaxRetryAfter, out var bound) ? bound : DefaultMaxRetryAfter;

    /// <summary>How long a 429 or 503 asked to wait, when that is longer than the request's storage allows; else <see langword="null"/>.</summary>
    public static TimeSpan? RetryAfterBeyondBound(HttpResponseMessage? response) =>
        response is { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable }
        && ServerValues.RetryAfter(response.Headers.RetryAfter, TimeProvider.System.GetUtcNow()) is { } wish
        && wish > MaxRetryAfterOf(response.RequestMessage)
            ? wish
            : null;

    private static readonly TimeSpan DefaultMaxRetryAfter = new NextcloudStorageOptions().MaxRetryAfter;

    /// <summary>The server's wish when it is within the bound; <see langword="null"/> lets the pipeline's back-off decide.</summary>
    private static TimeSpan? RetryAfterWithinBound(HttpResponseMessage? response, HttpRequestMessage? request) =>
        response is not null && ServerValues.RetryAfter(response.Headers.RetryAfter, TimeProvider.System.GetUtcNow()) is { } wish && wish <= MaxRetryAfterOf(request)
            ? wish
            : null;
}
