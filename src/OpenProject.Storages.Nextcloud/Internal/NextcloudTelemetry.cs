using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace OpenProject.Storages.Nextcloud.Internal;

/// <summary>
/// The Nextcloud provider's measurements, on a <see cref="Meter"/> of the packages' one name
/// (<see cref="StorageTelemetry.MeterName"/>): a listener that enables that name gets them with the rest. Spans go
/// through <see cref="StorageTelemetry.TraceAsync{T}"/>, so they look like every other operation's.
/// </summary>
internal static class NextcloudTelemetry
{
    private static readonly Meter Meter = new(
        StorageTelemetry.MeterName,
        typeof(NextcloudTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);

    private static readonly Counter<long> Bytes = Meter.CreateCounter<long>(
        StorageTelemetry.TransferredBytesInstrument, unit: "By", description: "File content sent to or read from a storage.");

    private static readonly Counter<long> Chunks = Meter.CreateCounter<long>(
        StorageTelemetry.UploadChunksInstrument, unit: "{chunk}", description: "Chunks of chunked uploads.");

    public static void Transferred(StorageId storage, string direction, long bytes)
    {
        if (bytes > 0 && Bytes.Enabled)
        {
            Bytes.Add(bytes, new TagList { { StorageTelemetry.StorageTag, storage.Value }, { StorageTelemetry.DirectionTag, direction } });
        }
    }

    /// <summary>Counts a sent chunk and notes it on the upload's span (number and size only).</summary>
    public static void ChunkSent(StorageId storage, int number, int bytes)
    {
        if (Chunks.Enabled)
        {
            Chunks.Add(1, new TagList { { StorageTelemetry.StorageTag, storage.Value } });
        }

        if (Activity.Current is { Source.Name: StorageTelemetry.ActivitySourceName, IsAllDataRequested: true } upload)
        {
            upload.AddEvent(new ActivityEvent("chunk", tags: new ActivityTagsCollection
            {
                ["openproject.chunk.number"] = number,
                ["openproject.chunk.bytes"] = bytes,
            }));
        }
    }
}
