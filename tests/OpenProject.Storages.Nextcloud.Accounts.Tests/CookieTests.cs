using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Nextcloud.Accounts.Tests;

/// <summary>
/// Nextcloud answers a request that carries a session cookie as the session's user, whatever its token
/// says; the token endpoint and every client that carries the credentials handler must keep no cookie,
/// whatever primary handler the host gives them (the provider's own clients are proven over loopback in
/// the provider's <c>SessionIsolationTests</c>).
/// </summary>
public sealed class CookieTests
{
    [Fact]
    public void The_token_client_and_a_credentials_client_keep_no_cookies_whatever_handler_the_host_gives_them()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IStorageTokenStore>(new InMemoryTokenStore());
        services.Configure<NextcloudStorageOptions>("nc", options =>
        {
            options.BaseAddress = new Uri("https://cloud.example.com/");
            options.OAuthClientId = "id";
            options.OAuthClientSecret = "secret";
            options.OAuthRedirectUri = new Uri("https://app.example.com/callback");
        });
        services.AddNextcloudAccounts("nc");
        services.AddHttpClient(NextcloudAccountsHttpClient.Name).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler());
        services.AddHttpClient("host-files")
            .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { CookieContainer = new CookieContainer() })
            .AddNextcloudCredentialsHandler("nc");
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IHttpMessageHandlerFactory>();

        foreach (var name in new[] { NextcloudAccountsHttpClient.Name, "host-files" })
        {
            var chain = Chain(factory.CreateHandler(name));

            Assert.All(chain.OfType<SocketsHttpHandler>(), handler => Assert.False(handler.UseCookies));
            Assert.All(chain.OfType<HttpClientHandler>(), handler => Assert.False(handler.UseCookies));
            // Innermost of the configured handlers (only the factory's own logging lies between it and the
            // primary handler): it strips any Cookie header an outer handler added.
            var remover = chain.FindIndex(handler => handler.GetType().Name == "CookieHeaderRemover");
            Assert.Single(chain, handler => handler.GetType().Name == "CookieHeaderRemover");
            Assert.All(chain[(remover + 1)..^1], handler => Assert.Equal("Microsoft.Extensions.Http.Logging", handler.GetType().Namespace));
        }
    }

    private static List<HttpMessageHandler> Chain(HttpMessageHandler handler)
    {
        var chain = new List<HttpMessageHandler> { handler };
        while (chain[^1] is DelegatingHandler { InnerHandler: { } inner })
        {
            chain.Add(inner);
        }

        return chain;
    }
}
