using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenProject.Storages.Nextcloud.Internal;

namespace OpenProject.Storages.Nextcloud;

/// <summary>
/// Attaches credentials to requests of a Nextcloud storage's <see cref="HttpClient"/>, by the
/// <see cref="StorageActor"/> each request carries in <see cref="HttpRequestMessage.Options"/>: a host
/// user's Bearer token, or the technical user's Basic credentials. Credentials go only to the configured
/// Nextcloud (same scheme, host, port, and a path below the base address), never to another host. On a
/// 401 to a Bearer request it gets a fresh token once and, if the body can be sent again, retries once.
/// </summary>
public sealed partial class NextcloudCredentialsHandler : DelegatingHandler
{
    private readonly StorageId _storage;
    private readonly IStorageAccessTokenProvider _tokenProvider;
    private readonly IOptionsMonitor<NextcloudStorageOptions> _options;
    private readonly ILogger _logger;

    /// <summary>Creates a handler for one storage.</summary>
    /// <param name="storage">The storage whose client this handler belongs to; a request's own storage option wins.</param>
    /// <param name="tokenProvider">Gives the user-bound access tokens.</param>
    /// <param name="options">The named options of each Nextcloud storage.</param>
    /// <param name="logger">The logger; it never receives a token or a URL's query.</param>
    public NextcloudCredentialsHandler(StorageId storage, IStorageAccessTokenProvider tokenProvider, IOptionsMonitor<NextcloudStorageOptions> options, ILogger<NextcloudCredentialsHandler> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(storage.Value, nameof(storage));
        ArgumentNullException.ThrowIfNull(tokenProvider);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _storage = storage;
        _tokenProvider = tokenProvider;
        _options = options;
        _logger = logger;
    }

    /// <summary>The strategy for an actor: Bearer for a host user, Basic for the technical user.</summary>
    /// <param name="actor">On whose behalf the operation runs.</param>
    /// <returns>The strategy.</returns>
    public static NextcloudAuthenticationStrategy SelectStrategy(StorageActor actor) =>
        actor.IsTechnicalUser ? NextcloudAuthenticationStrategy.TechnicalUserBasic : NextcloudAuthenticationStrategy.UserBearerToken;

    /// <summary>The strategy for a request: <see cref="NextcloudAuthenticationStrategy.None"/> when it carries no actor.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The strategy.</returns>
    public static NextcloudAuthenticationStrategy SelectStrategy(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Options.TryGetValue(NextcloudRequestOptions.Actor, out var actor) ? SelectStrategy(actor) : NextcloudAuthenticationStrategy.None;
    }

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Options.TryGetValue(NextcloudRequestOptions.Actor, out var actor))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var storage = request.Options.TryGetValue(NextcloudRequestOptions.Storage, out var requestStorage) && requestStorage.Value is not null ? requestStorage : _storage;
        var options = _options.Get(storage.Value);
        if (options.BaseAddress is null || !new NextcloudUris(options.BaseAddress).IsBelowBase(request.RequestUri))
        {
            // Never hand credentials to anyone but the configured Nextcloud, whatever the caller put in the header.
            request.Headers.Authorization = null;
            LogCredentialsWithheld(_logger, storage, request.RequestUri?.IsAbsoluteUri == true ? request.RequestUri.Authority : "(relative)");
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (actor.User is not { } user)
        {
            request.Headers.Authorization = NextcloudTechnicalUserCredentials.CreateAuthorizationHeader(options);
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var token = await _tokenProvider.GetAccessTokenAsync(storage, user, null, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        // The token may have been rotated by another app instance, or revoked: get a fresh one once.
        StorageAccessToken fresh;
        try
        {
            fresh = await _tokenProvider.GetAccessTokenAsync(storage, user, token.Value, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        if (string.Equals(fresh.Value, token.Value, StringComparison.Ordinal) || !CanReplay(request.Content))
        {
            LogNotRetried(_logger, storage, user);
            return response;
        }

        response.Dispose();
        LogRetrying(_logger, storage, user);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fresh.Value);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether a body can be sent a second time: none, or one held in memory. A stream may already be
    /// consumed (an upload), so it is never re-sent.
    /// </summary>
    internal static bool CanReplay(HttpContent? content) => content is null or ByteArrayContent or ReadOnlyMemoryContent || (content is Internal.ProgressContent progress && CanReplay(progress.Inner));

    [LoggerMessage(EventId = 4130, EventName = "NextcloudCredentialsWithheld", Level = LogLevel.Warning, Message = "A request of Nextcloud storage {StorageId} went to {Authority}, outside the configured base address; no credentials were attached.")]
    private static partial void LogCredentialsWithheld(ILogger logger, StorageId storageId, string authority);

    [LoggerMessage(EventId = 4131, EventName = "NextcloudRetryingWithFreshToken", Level = LogLevel.Debug, Message = "Nextcloud storage {StorageId} refused the token of user {HostUserId}; retrying once with a fresh token.")]
    private static partial void LogRetrying(ILogger logger, StorageId storageId, [HostUserIdData] HostUserId hostUserId);

    [LoggerMessage(EventId = 4132, EventName = "NextcloudUnauthorizedNotRetried", Level = LogLevel.Debug, Message = "Nextcloud storage {StorageId} refused the token of user {HostUserId}; the request is not retried (no newer token, or a body that cannot be sent again).")]
    private static partial void LogNotRetried(ILogger logger, StorageId storageId, [HostUserIdData] HostUserId hostUserId);
}
