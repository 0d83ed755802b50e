using System.Net;
using OpenProject.Storages.Nextcloud.AspNetCore.Tests.Fixtures;
using static OpenProject.Storages.Nextcloud.AspNetCore.Tests.Fixtures.AppRequests;

namespace OpenProject.Storages.Nextcloud.AspNetCore.Tests.ApiV3;

/// <summary>Malformed queries and bodies get OpenProject's error bodies and change nothing.</summary>
public sealed class BadInputTests(BadInputTests.ConnectedHost connected) : IClassFixture<BadInputTests.ConnectedHost>
{
    public static TheoryData<string> BadQueries => new()
    {
        "/api/v3/work_packages?filters=" + Php.UrlEncode("[{\"typeahead\":"),
        "/api/v3/work_packages?filters=" + Php.UrlEncode("{\"typeahead\":{}}"),
        "/api/v3/work_packages?filters=" + Php.UrlEncode("[" + Php.Filter("author", "=", "7") + "]"),
        "/api/v3/work_packages?filters=" + Php.UrlEncode("[" + Php.Filter("id", "=", "forty-two") + "]"),
        "/api/v3/work_packages?filters=" + Php.UrlEncode("[" + Php.Filter("typeahead", "=", "x") + "]"),
        "/api/v3/work_packages?filters=" + Php.UrlEncode("[" + Php.Filter("typeahead", "**", "x") + "]") + "&sortBy=" + Php.UrlEncode("[[\"password\",\"asc\"]]"),
        "/api/v3/work_packages?filters=" + Php.UrlEncode("[" + Php.Filter("typeahead", "**", "x") + "]") + "&sortBy=" + Php.UrlEncode("[\"updatedAt\"]"),
        "/api/v3/work_packages?filters=" + Php.UrlEncode("[" + Php.Filter("typeahead", "**", "x") + "]") + "&pageSize=many",
        "/api/v3/work_packages",
        "/api/v3/work_packages/abc/file_links",
        "/api/v3/statuses/x",
        "/api/v3/notifications?filters=" + Php.UrlEncode("[" + Php.Filter("reason", "=", "x") + "]"),
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task A_malformed_query_is_400_InvalidQuery(string path)
    {
        // Queries change nothing, so the cases share one host and connection.
        var answer = await (await connected.AppAsync()).GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("Error", answer.Json.GetProperty("_type").GetString());
        Assert.Equal("urn:openproject-org:api:v3:errors:InvalidQuery", answer.Json.GetProperty("errorIdentifier").GetString());
    }

    [Fact]
    public async Task Malformed_too_large_and_foreign_storage_link_bodies_link_nothing()
    {
        await using var host = await ProviderHost.StartAsync(o => o.MaxRequestBodySize = 4096);
        using var http = host.CreateClient();
        var app = await NextcloudAppClient.ConnectAsync(http, "7");
        var file = host.Storage.AddFile(StoragePath.Parse("/a.txt"), "a", "text/plain");
        var id = long.Parse(file.Id.Value, System.Globalization.CultureInfo.InvariantCulture);

        var notJson = await app.PostAsync("/api/v3/work_packages/42/file_links", "{\"_type\":");
        var empty = await app.PostAsync("/api/v3/work_packages/42/file_links", "{\"_type\":\"Collection\",\"_embedded\":{\"elements\":[]}}");
        var tooLarge = await app.PostAsync("/api/v3/work_packages/42/file_links", FileLinks([.. Enumerable.Range(0, 40).Select(i => (id, "a.txt", "text/plain"))]));
        var foreign = await app.PostAsync("/api/v3/work_packages/42/file_links", FileLinks("https://other.example.com", (id, "a.txt", "text/plain")));

        Assert.Equal(HttpStatusCode.BadRequest, notJson.Status);
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, foreign.Status);
        Assert.Equal("urn:openproject-org:api:v3:errors:PropertyConstraintViolation", foreign.Json.GetProperty("errorIdentifier").GetString());
        var links = await app.GetAsync("/api/v3/work_packages/42/file_links");
        Assert.Equal(0, links.Json.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task An_unknown_path_under_the_api_is_404_with_an_error_body()
    {
        await using var host = await ProviderHost.StartAsync();
        using var http = host.CreateClient();
        var app = await NextcloudAppClient.ConnectAsync(http, "7");

        var answer = await app.GetAsync("/api/v3/attachments/1");

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal("urn:openproject-org:api:v3:errors:NotFound", answer.Json.GetProperty("errorIdentifier").GetString());
    }

    /// <summary>One host with alice connected, for the read-only cases.</summary>
    public sealed class ConnectedHost : IAsyncDisposable
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private ProviderHost? _host;
        private HttpClient? _http;
        private NextcloudAppClient? _app;

        internal async Task<NextcloudAppClient> AppAsync()
        {
            await _gate.WaitAsync(TestContext.Current.CancellationToken);
            try
            {
                if (_app is null)
                {
                    _host = await ProviderHost.StartAsync();
                    _http = _host.CreateClient();
                    _app = await NextcloudAppClient.ConnectAsync(_http, "7");
                }

                return _app;
            }
            finally
            {
                _gate.Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            _http?.Dispose();
            if (_host is not null)
            {
                await _host.DisposeAsync();
            }

            _gate.Dispose();
        }
    }
}
