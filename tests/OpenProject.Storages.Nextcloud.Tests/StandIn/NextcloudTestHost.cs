using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;

namespace OpenProject.Storages.Nextcloud.Tests.StandIn;

/// <summary>A service provider with one Nextcloud storage ("nc") whose HTTP goes to a <see cref="ScriptedNextcloud"/>.</summary>
internal sealed class NextcloudTestHost : IDisposable
{
    public const string TechnicalPassword = "p@ss:w0rd:with/colons+and=ünïcode";
    public static readonly StorageActor Alice = StorageActor.ForUser(new HostUserId("42"));

    private readonly ServiceProvider _services;

    public NextcloudTestHost(string baseAddress = "https://cloud.example.com/", Action<NextcloudStorageOptions>? configure = null, bool withTokenProvider = true)
    {
        Server = new ScriptedNextcloud(new Uri(baseAddress));
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        if (withTokenProvider)
        {
            services.AddSingleton<IStorageAccessTokenProvider>(Tokens);
        }

        var builder = services.AddNextcloudStorage("nc", options =>
        {
            options.BaseAddress = new Uri(baseAddress);
            options.TechnicalUserName = "OpenProject";
            options.TechnicalUserAppPassword = TechnicalPassword;
            configure?.Invoke(options);
        });
        builder.HttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => Server).SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        builder.TransferHttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => Server).SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        builder.Resilience.Configure(options =>
        {
            options.Retry.Delay = TimeSpan.Zero;
            options.Retry.UseJitter = false;
        });
        _services = services.BuildServiceProvider();
    }

    public ScriptedNextcloud Server { get; }

    public FakeTokenProvider Tokens { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    public IServiceProvider Services => _services;

    public NextcloudFileStorage Storage => _services.GetRequiredKeyedService<NextcloudFileStorage>("nc");

    public void Dispose() => _services.Dispose();
}
