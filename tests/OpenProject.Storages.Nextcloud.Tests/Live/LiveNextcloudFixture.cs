using Microsoft.Extensions.DependencyInjection;

namespace OpenProject.Storages.Nextcloud.Tests.Live;

/// <summary>
/// A real Nextcloud from NEXTCLOUD_URL, NEXTCLOUD_USER and NEXTCLOUD_PASSWORD (an app password); the
/// user acts as the storage's technical user. Without them, every live test is reported as skipped.
/// </summary>
public sealed class LiveNextcloudFixture : IDisposable
{
    private readonly ServiceProvider? _services;

    public LiveNextcloudFixture()
    {
        var url = Environment.GetEnvironmentVariable("NEXTCLOUD_URL");
        var user = Environment.GetEnvironmentVariable("NEXTCLOUD_USER");
        var password = Environment.GetEnvironmentVariable("NEXTCLOUD_PASSWORD");
        if (string.IsNullOrWhiteSpace(url) || string.IsNullOrWhiteSpace(user) || string.IsNullOrWhiteSpace(password))
        {
            SkipReason = "Set NEXTCLOUD_URL, NEXTCLOUD_USER and NEXTCLOUD_PASSWORD (an app password) to run the live Nextcloud tests.";
            return;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddNextcloudStorage("live", options =>
        {
            options.BaseAddress = new Uri(url);
            options.AllowInsecureHttp = true;
            options.TechnicalUserName = user;
            options.TechnicalUserAppPassword = password;
            options.ChunkedUploadThreshold = 2 * 1024 * 1024;
            options.UploadChunkSize = 1024 * 1024;
        });
        _services = services.BuildServiceProvider();
        Storage = _services.GetRequiredKeyedService<NextcloudFileStorage>("live");
    }

    public string? SkipReason { get; }

    public NextcloudFileStorage? Storage { get; }

    public NextcloudFileStorage Require()
    {
        if (SkipReason is not null)
        {
            Assert.Skip(SkipReason);
        }

        return Storage!;
    }

    public void Dispose() => _services?.Dispose();
}
