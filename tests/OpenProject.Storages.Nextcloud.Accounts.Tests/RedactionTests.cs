using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using OpenProject.Storages.Nextcloud.Accounts.Tests.Fakes;
using OpenProject.Storages.Testing;

namespace OpenProject.Storages.Nextcloud.Accounts.Tests;

/// <summary>
/// Host and Nextcloud user ids are classified personal data: a host that turns on redaction gets them redacted in
/// every log of the account flow, under the same property names, with nothing else changed.
/// </summary>
public sealed class RedactionTests
{
    [Fact]
    public async Task User_ids_in_the_account_logs_are_redacted_when_the_host_asks_for_it()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 1, 32, 0, TimeSpan.Zero));
        using var app = new AppInstance(new FakeNextcloudServer(time), new InMemoryTokenStore(), time, host: services =>
        {
            services.AddLogging(logging => logging.EnableRedaction().AddFakeLogging());
            services.AddRedaction(redaction => redaction.SetRedactor<ErasingRedactor>(
                new DataClassificationSet(StorageDataClassification.HostUserId, StorageDataClassification.StorageUserId)));
        });

        await app.ConnectAsync(new HostUserId("op-alice-4711"), "alice-nc");
        await app.Accounts.DisconnectAsync(AppInstance.Storage, new HostUserId("op-alice-4711"));

        var logs = app.Services.GetRequiredService<FakeLogCollector>().GetSnapshot();
        var connected = Assert.Single(logs, record => record.Id.Name == "StorageConnected");
        Assert.Equal("Nextcloud", connected.GetStructuredStateValue("Provider"));
        Assert.Equal(string.Empty, connected.GetStructuredStateValue("HostUserId"));
        Assert.Equal(string.Empty, connected.GetStructuredStateValue("StorageUserId"));
        Assert.Equal(AppInstance.StorageName, connected.GetStructuredStateValue("StorageId"));
        Assert.Contains(logs, record => record.Id.Name == "StorageDisconnected");
        Assert.All(logs, record => Assert.DoesNotContain("op-alice-4711", record.Message, StringComparison.Ordinal));
        Assert.All(logs, record => Assert.DoesNotContain("alice-nc", record.Message, StringComparison.Ordinal));
    }
}
