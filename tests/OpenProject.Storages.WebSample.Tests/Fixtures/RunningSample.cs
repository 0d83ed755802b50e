using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace OpenProject.Storages.WebSample.Tests.Fixtures;

/// <summary>The web sample (<see cref="WebSampleApp"/>) running on Kestrel on a loopback port, with a database of its own.</summary>
internal sealed class RunningSample : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _database;

    private RunningSample(WebApplication app, Uri baseAddress, string database)
    {
        _app = app;
        BaseAddress = baseAddress;
        _database = database;
    }

    /// <summary>The sample's address, <c>http://127.0.0.1:port/</c>.</summary>
    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>A port nobody listens on: an OAuth client's redirect URI must name the app's port before the app starts.</summary>
    public static Uri FreeLoopbackAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture)}/");
    }

    /// <summary>Starts the sample at <paramref name="baseAddress"/> with <paramref name="settings"/> as command-line arguments.</summary>
    public static async Task<RunningSample> StartAsync(Uri baseAddress, IEnumerable<string> settings, Action<WebApplicationBuilder>? configure = null)
    {
        var database = Path.Combine(Path.GetTempPath(), $"websample-tests-{Guid.NewGuid():N}.db");
        var app = WebSampleApp.Build(
            new WebApplicationOptions
            {
                ApplicationName = typeof(WebSampleApp).Assembly.GetName().Name,
                ContentRootPath = Repository.Path("samples", "OpenProject.Storages.WebSample"),
                Args = [$"--urls={baseAddress.GetLeftPart(UriPartial.Authority)}", $"--Sample:Database={database}", .. settings],
            },
            builder =>
            {
                builder.Logging.ClearProviders();
                configure?.Invoke(builder);
            });
        await WebSampleApp.ResetDatabaseAsync(app);
        await app.StartAsync();

        // The first request compiles and JITs the pages; on two busy cores that can take longer than a browser test waits for a
        // navigation, so it happens here, once, without the browser's timeout.
        using var warmUp = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(3) };
        using var signIn = await warmUp.GetAsync(new Uri("SignIn", UriKind.Relative), TestContext.Current.CancellationToken);
        signIn.EnsureSuccessStatusCode();
        return new RunningSample(app, baseAddress, database);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }
}
