using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace OpenProject.Storages.Nextcloud.Http;

/// <summary>
/// Keeps every Nextcloud client free of cookies, whatever primary handler the host configures.
/// </summary>
/// <remarks>
/// Nextcloud sets a session cookie on authenticated answers and then serves a request that carries it as
/// the session's user, whatever its <c>Authorization</c> header says. One cookie container per client is
/// shared by every user of the storage, so a kept cookie answers bob as alice, and the technical user as
/// whoever came last. Each request must carry exactly one identity: its own credentials.
/// The rule is applied after all of the host's configuration (a post-configure step), so a primary handler
/// replaced or changed in place by the host (a proxy, a certificate) is covered too.
/// </remarks>
internal static class CookieFreeClient
{
    /// <summary>Switches cookies off on the client's primary handler and strips cookie headers around it.</summary>
    public static IHttpClientBuilder WithoutCookies(this IHttpClientBuilder builder)
    {
        builder.Services.PostConfigure<HttpClientFactoryOptions>(builder.Name, options => options.HttpMessageHandlerBuilderActions.Add(Enforce));
        return builder;
    }

    private static void Enforce(HttpMessageHandlerBuilder builder)
    {
        // The shared accounts client is post-configured once per storage that adds accounts.
        if (builder.AdditionalHandlers.OfType<CookieHeaderRemover>().Any())
        {
            return;
        }

        for (var handler = builder.PrimaryHandler; handler is not null; handler = (handler as DelegatingHandler)?.InnerHandler)
        {
            TurnOffCookies(handler, builder.Name);
        }

        // Added last, so it is the innermost of the additional handlers: no outer handler's Cookie header gets
        // through, and no Set-Cookie reaches an outer handler that might keep it.
        builder.AdditionalHandlers.Add(new CookieHeaderRemover());
    }

    private static void TurnOffCookies(HttpMessageHandler handler, string? clientName)
    {
        try
        {
            switch (handler)
            {
                case SocketsHttpHandler { UseCookies: true } sockets:
                    sockets.UseCookies = false;
                    break;
                case HttpClientHandler { UseCookies: true } client:
                    client.UseCookies = false;
                    break;
            }
        }
        catch (InvalidOperationException ex)
        {
            // A handler instance that has already sent requests can no longer be changed.
            throw new StorageException(
                StorageErrorCode.NotConfigured,
                $"The primary HTTP handler of the client '{clientName}' keeps cookies and has already been used, so cookies cannot be switched off. " +
                "Nextcloud answers a request that carries a session cookie as that session's user, so a Nextcloud client must never keep cookies: " +
                "give it a new handler with UseCookies = false, or change the provider's handler in place with ConfigurePrimaryHttpMessageHandler((handler, services) => ...).",
                innerException: ex);
        }
    }

    /// <summary>Removes <c>Cookie</c> from requests and <c>Set-Cookie</c> from answers.</summary>
    private sealed class CookieHeaderRemover : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Remove("Cookie");
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            response.Headers.Remove("Set-Cookie");
            return response;
        }

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Remove("Cookie");
            var response = base.Send(request, cancellationToken);
            response.Headers.Remove("Set-Cookie");
            return response;
        }
    }
}
