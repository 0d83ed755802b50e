using OpenProject.Storages.Nextcloud.Accounts.Tests.Fakes;
using OpenProject.Storages.Tests;

namespace OpenProject.Storages.Nextcloud.Accounts.Tests;

/// <summary>Connects and token refreshes are spans; refreshes are counted by outcome; no token is ever a tag.</summary>
public sealed class TelemetryTests
{
    private static readonly HostUserId Alice = new("op-alice");

    [Fact]
    public async Task A_connect_and_refreshes_are_spans_and_refreshes_are_counted_by_outcome()
    {
        using var app = AppInstance.Create(out var time);
        using var telemetry = new TelemetryCapture();
        await app.ConnectAsync(Alice);
        time.Advance(TimeSpan.FromHours(1));

        var refreshed = await app.Tokens.GetAccessTokenAsync(AppInstance.Storage, Alice);

        var connect = Assert.Single(telemetry.Spans, span => span.OperationName == "connect");
        Assert.Equal("success", connect.GetTagItem(StorageTelemetry.OutcomeTag));
        var refresh = Assert.Single(telemetry.Spans, span => span.OperationName == "token_refresh");
        Assert.Equal(AppInstance.Storage.Value, refresh.GetTagItem(StorageTelemetry.StorageTag));
        Assert.Equal("success", refresh.GetTagItem(StorageTelemetry.OutcomeTag));
        Assert.Equal(1, telemetry.Sum(StorageTelemetry.TokenRefreshesInstrument, (StorageTelemetry.OutcomeTag, "success")));
        Assert.All(
            telemetry.Spans.SelectMany(span => span.TagObjects).Select(tag => tag.Value?.ToString() ?? string.Empty),
            value => Assert.DoesNotContain(refreshed.Value, value, StringComparison.Ordinal));

        // Nextcloud refuses the refresh token: a failed refresh, counted with its code.
        app.Server.FailNextTokenRequest(TokenFault.InvalidGrant);
        time.Advance(TimeSpan.FromHours(1));
        var refused = await Assert.ThrowsAsync<StorageException>(async () => await app.Tokens.GetAccessTokenAsync(AppInstance.Storage, Alice));

        Assert.Equal(1, telemetry.Sum(StorageTelemetry.TokenRefreshesInstrument, (StorageTelemetry.OutcomeTag, "failure"), (StorageTelemetry.ErrorTypeTag, refused.Code.Value)));
    }
}
