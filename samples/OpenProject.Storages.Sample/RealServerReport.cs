using Microsoft.Extensions.DependencyInjection;

namespace OpenProject.Storages.Sample;

/// <summary>
/// <c>dotnet run --project samples/OpenProject.Storages.Sample -- https://cloud.example.com/</c>: the setup report of a
/// real Nextcloud. Optional environment variables: <c>NEXTCLOUD_APP_PASSWORD</c> (the technical user's app password;
/// turns on the project folder checks), <c>NEXTCLOUD_CLIENT_ID</c> and <c>NEXTCLOUD_CLIENT_SECRET</c>.
/// </summary>
internal static class RealServerReport
{
    public static async Task<int> RunAsync(Uri address, TextWriter output)
    {
        var appPassword = Environment.GetEnvironmentVariable("NEXTCLOUD_APP_PASSWORD");
        var services = new ServiceCollection();
        services.AddNextcloudStorage("nextcloud", options =>
        {
            options.BaseAddress = address;
            options.AllowInsecureHttp = address.IsLoopback;
            options.TechnicalUserAppPassword = appPassword;
            options.OAuthClientId = Environment.GetEnvironmentVariable("NEXTCLOUD_CLIENT_ID");
            options.OAuthClientSecret = Environment.GetEnvironmentVariable("NEXTCLOUD_CLIENT_SECRET");
        }).ConfigureSetupChecks(options => options.ProjectFoldersEnabled = !string.IsNullOrEmpty(appPassword));
        await using var provider = services.BuildServiceProvider();

        output.WriteLine($"== Setup report for {address}");
        var report = await provider.GetRequiredService<StorageSetupValidation>().ValidateAsync(new StorageId("nextcloud"));
        SetupReportPrinter.Print(output, report);
        return report.Status == StorageCheckStatus.Failed ? 1 : 0;
    }
}
