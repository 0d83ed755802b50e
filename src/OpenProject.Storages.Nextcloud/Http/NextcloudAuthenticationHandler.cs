using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenProject.Storages.Nextcloud.Internal;

namespace OpenProject.Storages.Nextcloud.Http;

/// <summary>
/// Attaches the actor's credentials to requests that go to the configured Nextcloud: Basic with the
/// technical user's app password, or the user's Bearer token from <see cref="IStorageAccessTokenProvider"/>.
/// When Nextcloud rejects a user's token (401), it asks the provider once more, passing the rejected
/// token, and retries once if the request body can be sent again.
/// </summary>
internal sealed class NextcloudAuthenticationHandler : DelegatingHandler
{
    private readonly string _storageName;
    private readonly IOptionsMonitor<NextcloudStorageOptions> _options;
    private readonly Func<IStorageAccessTokenProvider?> _tokenProvider;
    private readonly ILogger _logger;

    public NextcloudAuthenticationHandler(string storageName, IOptionsMonitor<NextcloudStorageOptions> options, Func<IStorageAccessTokenProvider?> tokenProvider, ILogger logger)
    {
        _storageName = storageName;
        _options = options;
        _tokenProvider = tokenProvider;
        _logger = logger;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var options = _options.Get(_storageName);
        if (!request.Options.TryGetValue(NextcloudRequestOptions.Actor, out var actor)
            || options.BaseAddress is null
            || !new NextcloudUris(options.BaseAddress).IsSameOrigin(request.RequestUri))
        {
            // Never send credentials anywhere but the configured Nextcloud (a direct link may point elsewhere).
            request.Headers.Authorization = null;
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (actor.User is not { } user)
        {
            request.Headers.Authorization = BasicCredentials(options);
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var storageId = request.Options.TryGetValue(NextcloudRequestOptions.Storage, out var id) ? id : new StorageId(_storageName);
        var provider = _tokenProvider() ?? throw NextcloudErrors.NoTokenProvider();
        var token = request.Options.TryGetValue(NextcloudRequestOptions.AccessToken, out var known)
            ? known
            : await provider.GetAccessTokenAsync(storageId, user, null, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || !IsReplayable(request.Content))
        {
            return response;
        }

        Log.RetryingWithRefreshedToken(_logger, storageId, user);
        var refreshed = await provider.GetAccessTokenAsync(storageId, user, token.Value, cancellationToken).ConfigureAwait(false);
        if (string.Equals(refreshed.Value, token.Value, StringComparison.Ordinal))
        {
            return response;
        }

        response.Dispose();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", refreshed.Value);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>No body, or a body held in memory (the provider builds small bodies this way); never a caller's stream.</summary>
    internal static bool IsReplayable(HttpContent? content) => content is null or ByteArrayContent or ReadOnlyMemoryContent;

    private static AuthenticationHeaderValue BasicCredentials(NextcloudStorageOptions options)
    {
        if (string.IsNullOrEmpty(options.TechnicalUserAppPassword) || string.IsNullOrEmpty(options.TechnicalUserName))
        {
            throw NextcloudErrors.NoTechnicalUser();
        }

        // RFC 7617: user-id ":" password, UTF-8, base64. The password may itself contain ':'.
        var credentials = Encoding.UTF8.GetBytes(options.TechnicalUserName + ":" + options.TechnicalUserAppPassword);
        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(credentials));
    }
}
