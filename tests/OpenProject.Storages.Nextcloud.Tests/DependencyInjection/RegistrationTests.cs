using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenProject.Storages.Nextcloud.DependencyInjection;
using OpenProject.Storages.Nextcloud.Http;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Nextcloud.Tests.DependencyInjection;

public sealed class RegistrationTests
{
    private static NextcloudStorageOptions Valid(Action<NextcloudStorageOptions>? change = null)
    {
        var options = new NextcloudStorageOptions { BaseAddress = new Uri("https://cloud.example.com/nextcloud/"), TechnicalUserAppPassword = "a:b:c" };
        change?.Invoke(options);
        return options;
    }

    [Fact]
    public void The_storage_is_an_IFileStorage_singleton_with_its_name_as_id_in_the_catalog()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOpenProjectStorages().AddNextcloudStorage("nextcloud-1", o => o.BaseAddress = new Uri("https://cloud.example.com/"));
        services.AddNextcloudStorage("nextcloud-2", o => o.BaseAddress = new Uri("https://other.example.com/"));
        using var provider = services.BuildServiceProvider();

        var storages = provider.GetServices<IFileStorage>().ToList();
        var catalog = provider.GetRequiredService<FileStorageCatalog>();

        Assert.Equal([new StorageId("nextcloud-1"), new StorageId("nextcloud-2")], storages.Select(s => s.Id));
        Assert.Same(storages[0], provider.GetServices<IFileStorage>().First());
        Assert.IsType<NextcloudFileStorage>(catalog.Get(new StorageId("nextcloud-2")));
    }

    [Fact]
    public void A_name_can_only_be_registered_once()
    {
        var services = new ServiceCollection();
        services.AddNextcloudStorage("nc", o => o.BaseAddress = new Uri("https://cloud.example.com/"));

        Assert.Throws<InvalidOperationException>(() => services.AddNextcloudStorage("nc", o => o.BaseAddress = new Uri("https://cloud.example.com/")));
    }

    [Fact]
    public void Invalid_options_fail_when_the_storage_is_first_used_and_name_the_storage()
    {
        var services = new ServiceCollection();
        services.AddNextcloudStorage("broken", o => o.BaseAddress = new Uri("http://cloud.example.com/"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<NextcloudStorageOptions>>().Get("broken"));

        Assert.Contains("'broken'", error.Message, StringComparison.Ordinal);
        Assert.Contains("https", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_are_validated_on_start()
    {
        var services = new ServiceCollection();
        services.AddNextcloudStorage("nc", _ => { });

        Assert.Contains(services, d => d.ServiceType.Name.Contains("IStartupValidator", StringComparison.Ordinal) || d.ServiceType.Name.Contains("ValidatorOptions", StringComparison.Ordinal));
    }

    [Fact]
    public void Valid_options_pass() => Assert.True(new NextcloudStorageOptionsValidator().Validate("nc", Valid()).Succeeded);

    public static TheoryData<string, string> InvalidOptions => new()
    {
        { "no base address", "absolute URL" },
        { "relative base address", "absolute URL" },
        { "plain http to a remote host", "https" },
        { "ftp", "https" },
        { "credentials in the URL", "credentials" },
        { "password without user", "TechnicalUserName" },
        { "tiny chunks", "UploadChunkSize" },
        { "zero batch", "FilesInfoBatchSize" },
        { "zero concurrency", "FilesInfoMaxConcurrency" },
        { "zero threshold", "ChunkedUploadThreshold" },
        { "no chunk in flight", "UploadChunkConcurrency" },
        { "17 chunks in flight", "UploadChunkConcurrency" },
        { "negative Retry-After bound", "MaxRetryAfter" },
        { "hour-long Retry-After bound", "MaxRetryAfter" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Invalid_options_are_refused_with_a_message_that_says_what_to_fix(string problem, string mentioned)
    {
        var options = Valid(o =>
        {
            switch (problem)
            {
                case "no base address": o.BaseAddress = null; break;
                case "relative base address": o.BaseAddress = new Uri("/nextcloud", UriKind.Relative); break;
                case "plain http to a remote host": o.BaseAddress = new Uri("http://cloud.example.com/"); break;
                case "ftp": o.BaseAddress = new Uri("ftp://cloud.example.com/"); break;
                case "credentials in the URL": o.BaseAddress = new Uri("https://admin:secret@cloud.example.com/"); break;
                case "password without user": o.TechnicalUserName = ""; break;
                case "tiny chunks": o.UploadChunkSize = 1000; break;
                case "zero batch": o.FilesInfoBatchSize = 0; break;
                case "zero concurrency": o.FilesInfoMaxConcurrency = 0; break;
                case "zero threshold": o.ChunkedUploadThreshold = 0; break;
                case "no chunk in flight": o.UploadChunkConcurrency = 0; break;
                case "17 chunks in flight": o.UploadChunkConcurrency = 17; break;
                case "negative Retry-After bound": o.MaxRetryAfter = TimeSpan.FromSeconds(-1); break;
                case "hour-long Retry-After bound": o.MaxRetryAfter = TimeSpan.FromHours(1); break;
            }
        });

        var result = new NextcloudStorageOptionsValidator().Validate("nc", options);

        Assert.True(result.Failed);
        Assert.Contains(mentioned, result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("a:b:c", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost:8080/")]
    [InlineData("http://127.0.0.1:8080/")]
    [InlineData("http://[::1]/nextcloud/")]
    public void Plain_http_is_allowed_for_loopback(string address) =>
        Assert.True(new NextcloudStorageOptionsValidator().Validate("nc", Valid(o => o.BaseAddress = new Uri(address))).Succeeded);

    [Fact]
    public void Plain_http_to_a_remote_host_is_allowed_only_when_explicitly_allowed() =>
        Assert.True(new NextcloudStorageOptionsValidator().Validate("nc", Valid(o => { o.BaseAddress = new Uri("http://nextcloud.internal/"); o.AllowInsecureHttp = true; })).Succeeded);

    [Fact]
    public void An_app_password_may_contain_any_symbol() =>
        Assert.True(new NextcloudStorageOptionsValidator().Validate("nc", Valid(o => o.TechnicalUserAppPassword = ":::@/\\\"' ü🍑%+=")).Succeeded);

    [Fact]
    public void The_options_description_hides_the_app_password() =>
        Assert.DoesNotContain("a:b:c", Valid().ToString(), StringComparison.Ordinal);

    [Fact]
    public void A_proxy_set_in_place_on_every_client_as_documented_reaches_each_primary_handler_and_redirects_stay_off()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IStorageTokenStore>(new InMemoryTokenStore());

        // As in docs/nextcloud.md, "Proxies and certificates".
        var nextcloud = services.AddNextcloudStorage("nextcloud", options => options.BaseAddress = new Uri("https://cloud.example.com/"));
        services.AddNextcloudAccounts("nextcloud");

        var proxy = new WebProxy("http://proxy.internal:3128");
        foreach (var client in new[]
        {
            nextcloud.HttpClientBuilder,
            nextcloud.TransferHttpClientBuilder,
            nextcloud.SetupChecksHttpClientBuilder,
            services.AddHttpClient(NextcloudAccountsHttpClient.Name),
        })
        {
            client.ConfigurePrimaryHttpMessageHandler((handler, _) => ((SocketsHttpHandler)handler).Proxy = proxy);
        }

        using var provider = services.BuildServiceProvider();
        var handlers = provider.GetRequiredService<IHttpMessageHandlerFactory>();

        foreach (var name in new[] { NextcloudHttpClientNames.Api("nextcloud"), NextcloudHttpClientNames.Transfer("nextcloud"), NextcloudHttpClientNames.Health("nextcloud"), NextcloudAccountsHttpClient.Name })
        {
            var primary = Assert.IsType<SocketsHttpHandler>(Primary(handlers.CreateHandler(name)));
            Assert.Same(proxy, primary.Proxy);
            Assert.False(primary.AllowAutoRedirect, name);
        }
    }

    private static HttpMessageHandler Primary(HttpMessageHandler handler)
    {
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler!;
        }

        return handler;
    }
}
