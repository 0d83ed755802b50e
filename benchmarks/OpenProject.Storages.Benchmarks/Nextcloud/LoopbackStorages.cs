using Microsoft.Extensions.DependencyInjection;
using OpenProject.Storages.Nextcloud;

namespace OpenProject.Storages.Benchmarks.Nextcloud;

/// <summary>
/// What a loopback benchmark sets up and tears down: the modelled server, the named Nextcloud storages pointed at
/// it (as the technical user), and a plain <see cref="HttpClient"/> to the same server for the reference rows.
/// </summary>
internal sealed class LoopbackStorages : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private LoopbackStorages(LoopbackNextcloud server, ServiceProvider services)
    {
        Server = server;
        _services = services;
        Plain = new HttpClient { BaseAddress = server.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
    }

    public LoopbackNextcloud Server { get; }

    public HttpClient Plain { get; }

    /// <summary>Starts the server, lets <paramref name="model"/> set its costs, and registers each storage with its own options.</summary>
    public static async Task<LoopbackStorages> StartAsync(Action<LoopbackNextcloud> model, params (string Name, Action<NextcloudStorageOptions>? Configure)[] storages)
    {
        var server = await LoopbackNextcloud.StartAsync();
        model(server);
        var services = new ServiceCollection();
        foreach (var (name, configure) in storages)
        {
            services.AddNextcloudStorage(name, options =>
            {
                options.BaseAddress = server.BaseAddress;
                options.TechnicalUserAppPassword = "bench";
                configure?.Invoke(options);
            });
        }

        return new LoopbackStorages(server, services.BuildServiceProvider());
    }

    public NextcloudFileStorage Storage(string name) => _services.GetRequiredKeyedService<NextcloudFileStorage>(name);

    public async ValueTask DisposeAsync()
    {
        Plain.Dispose();
        await _services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
