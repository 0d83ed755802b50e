using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OpenProject.Storages;

/// <summary>
/// The names under which the packages report traces and metrics, for an OpenTelemetry (or any
/// <see cref="ActivityListener"/> / <see cref="MeterListener"/>) set-up:
/// <c>tracing.AddSource(StorageTelemetry.ActivitySourceName)</c>, <c>metrics.AddMeter(StorageTelemetry.MeterName)</c>.
/// Spans and measurements carry the storage id, the operation and its outcome, never a token, a user id, a file
/// name or a path.
/// </summary>
public static class StorageTelemetry
{
    /// <summary>The <see cref="ActivitySource"/> name: one span per operation of <see cref="FileLinkService"/>.</summary>
    public const string ActivitySourceName = "OpenProject.Storages";

    /// <summary>The <see cref="Meter"/> name: operation durations and the Files tab's link statuses.</summary>
    public const string MeterName = "OpenProject.Storages";

    /// <summary>Tag: the storage's id (<see cref="StorageId.Value"/>).</summary>
    public const string StorageTag = "openproject.storage.id";

    /// <summary>Tag: the operation, such as <c>files_tab</c>, <c>link</c>, <c>unlink</c>.</summary>
    public const string OperationTag = "openproject.operation";

    /// <summary>Tag: <c>success</c>, <c>failure</c> or <c>cancelled</c>.</summary>
    public const string OutcomeTag = "openproject.outcome";

    /// <summary>Tag (OpenTelemetry's <c>error.type</c>): the <see cref="StorageErrorCode"/> of a failure.</summary>
    public const string ErrorTypeTag = "error.type";

    /// <summary>Tag: a linked file's status in the Files tab (<see cref="FileLinkStatus"/>).</summary>
    public const string LinkStatusTag = "openproject.file_link.status";

    /// <summary>Histogram of operation durations, in seconds, tagged with operation, outcome and error type.</summary>
    public const string OperationDurationInstrument = "openproject.storages.operation.duration";

    /// <summary>Counter of links listed in Files tabs, tagged with storage and status.</summary>
    public const string ListedLinksInstrument = "openproject.storages.file_links.listed";
}
