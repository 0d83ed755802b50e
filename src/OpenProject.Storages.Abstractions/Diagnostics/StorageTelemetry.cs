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

    /// <summary>Tag on the <c>setup_validation</c> span: the report's status (<c>Passed</c>, <c>Warning</c>, <c>Failed</c>).</summary>
    public const string SetupStatusTag = "openproject.setup.status";

    /// <summary>Tag on the <c>project_folder_sync</c> span: the report's outcome (<c>Succeeded</c>, <c>CompletedWithErrors</c>, …).</summary>
    public const string SyncOutcomeTag = "openproject.project_folders.outcome";

    /// <summary>Tag: <c>upload</c> or <c>download</c>, on <see cref="TransferredBytesInstrument"/>.</summary>
    public const string DirectionTag = "openproject.transfer.direction";

    /// <summary>Counter of file content bytes sent to or read from a storage, tagged with storage and direction.</summary>
    public const string TransferredBytesInstrument = "openproject.storages.transfer.bytes";

    /// <summary>Counter of the chunks of chunked uploads, tagged with storage.</summary>
    public const string UploadChunksInstrument = "openproject.storages.upload.chunks";

    /// <summary>Counter of access token refreshes that asked the storage, tagged with storage, outcome and error type.</summary>
    public const string TokenRefreshesInstrument = "openproject.storages.token.refreshes";

    /// <summary>Counter of the write requests of project folder syncs, tagged with storage.</summary>
    public const string ProjectFolderWritesInstrument = "openproject.storages.project_folders.writes";

    /// <summary>
    /// Runs one operation of a storage provider as the packages' own operations run: a span named
    /// <paramref name="operation"/> on <see cref="ActivitySourceName"/> with the operation, storage, outcome and
    /// error type tags, and a measurement of <see cref="OperationDurationInstrument"/>. For integrators, so another
    /// provider's operations show like Nextcloud's. The result and every exception pass through unchanged; only a
    /// <see cref="StorageException"/>'s code (or an exception's type name) becomes the error type, never its message.
    /// </summary>
    /// <typeparam name="T">The operation's result.</typeparam>
    /// <param name="operation">A short, fixed name (<c>upload</c>, <c>token_refresh</c>); never a value of the request.</param>
    /// <param name="storage">The storage, if the operation has one.</param>
    /// <param name="body">The operation.</param>
    /// <param name="cancellationToken">The caller's token: a cancellation by it is the outcome <c>cancelled</c>.</param>
    /// <returns>The operation's result.</returns>
    /// <exception cref="ArgumentException"><paramref name="operation"/> is empty.</exception>
    public static Task<T> TraceAsync<T>(string operation, StorageId? storage, Func<Task<T>> body, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        ArgumentNullException.ThrowIfNull(body);
        return Internal.Telemetry.RunAsync(operation, storage, body, cancellationToken);
    }

    /// <summary>
    /// Records file content sent to (<c>upload</c>) or read from (<c>download</c>) a storage on
    /// <see cref="TransferredBytesInstrument"/>, as the packages' providers do: an upload once it is stored, a download
    /// when its stream is disposed, with what the caller read. Nothing is recorded for zero bytes.
    /// </summary>
    /// <param name="storage">The storage.</param>
    /// <param name="direction"><c>upload</c> or <c>download</c>.</param>
    /// <param name="bytes">How many bytes of file content.</param>
    /// <exception cref="ArgumentException"><paramref name="direction"/> is neither <c>upload</c> nor <c>download</c>, or <paramref name="bytes"/> is negative.</exception>
    public static void RecordTransfer(StorageId storage, string direction, long bytes)
    {
        if (direction is not ("upload" or "download"))
        {
            throw new ArgumentException("The direction is 'upload' or 'download'.", nameof(direction));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        Internal.Telemetry.Transferred(storage, direction, bytes);
    }

    /// <summary>
    /// Records one sent chunk of a chunked upload: a count on <see cref="UploadChunksInstrument"/> and a <c>chunk</c>
    /// event (number and size, nothing else) on the current <c>upload</c> span of <see cref="ActivitySourceName"/>.
    /// </summary>
    /// <param name="storage">The storage.</param>
    /// <param name="number">The chunk's number, from 1.</param>
    /// <param name="bytes">The chunk's size.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="number"/> is below 1 or <paramref name="bytes"/> negative.</exception>
    public static void RecordUploadChunk(StorageId storage, int number, int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        Internal.Telemetry.ChunkSent(storage, number, bytes);
    }
}
