namespace OpenProject.Storages.WebSample.Tests.Fixtures;

/// <summary>The web sample as <c>dotnet run</c> starts it: no configuration, the embedded in-memory storage.</summary>
public sealed class EmbeddedWebSample : IAsyncLifetime
{
    private RunningSample? _app;

    public Uri BaseAddress { get; } = RunningSample.FreeLoopbackAddress();

    public async ValueTask InitializeAsync() => _app = await RunningSample.StartAsync(BaseAddress, []);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
