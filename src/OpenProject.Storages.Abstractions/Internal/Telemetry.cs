using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace OpenProject.Storages.Internal;

/// <summary>The packages' one <see cref="ActivitySource"/> and <see cref="Meter"/>, and the way every operation is traced and timed.</summary>
internal static class Telemetry
{
    private static readonly string? Version = typeof(Telemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    public static readonly ActivitySource Source = new(StorageTelemetry.ActivitySourceName, Version);

    private static readonly Meter Meter = new(StorageTelemetry.MeterName, Version);

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        StorageTelemetry.OperationDurationInstrument, unit: "s", description: "How long an operation of the storages took.");

    private static readonly Counter<long> ListedLinks = Meter.CreateCounter<long>(
        StorageTelemetry.ListedLinksInstrument, unit: "{link}", description: "Links listed in Files tabs, by status.");

    private static readonly Counter<long> SyncWrites = Meter.CreateCounter<long>(
        StorageTelemetry.ProjectFolderWritesInstrument, unit: "{request}", description: "Write requests of project folder syncs.");

    private static readonly Counter<long> Refreshes = Meter.CreateCounter<long>(
        StorageTelemetry.TokenRefreshesInstrument, unit: "{refresh}", description: "Access token refreshes that asked the storage.");

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

    /// <summary>Counts a refresh request of the shared token refresher, by outcome (and error code when it failed).</summary>
    public static void TokenRefreshed(StorageId storage, string outcome, string? errorType)
    {
        if (!Refreshes.Enabled)
        {
            return;
        }

        var tags = new TagList { { StorageTelemetry.StorageTag, storage.Value }, { StorageTelemetry.OutcomeTag, outcome } };
        if (errorType is not null)
        {
            tags.Add(StorageTelemetry.ErrorTypeTag, errorType);
        }

        Refreshes.Add(1, tags);
    }

    /// <summary>Sets a tag on the operation's span, if it is recorded.</summary>
    public static void TagCurrent(string name, string value)
    {
        if (Activity.Current is { Source.Name: StorageTelemetry.ActivitySourceName } activity)
        {
            activity.SetTag(name, value);
        }
    }

    /// <summary>Tags the sync's span with its outcome and counts its write requests.</summary>
    public static void RecordSync(StorageId? storage, ProjectFolders.ProjectFolderSyncReport report)
    {
        TagCurrent(StorageTelemetry.SyncOutcomeTag, report.Outcome.ToString());
        if (report.WriteRequests > 0 && SyncWrites.Enabled)
        {
            SyncWrites.Add(report.WriteRequests, storage is { } id ? new TagList { { StorageTelemetry.StorageTag, id.Value } } : default);
        }
    }

    /// <summary>Runs an operation in a span and records its duration and outcome; the result and exceptions pass through unchanged.</summary>
    public static async Task<T> RunAsync<T>(string operation, StorageId? storage, Func<Task<T>> body, CancellationToken cancellationToken)
    {
        using var activity = Source.StartActivity(operation, ActivityKind.Internal);
        activity?.SetTag(StorageTelemetry.OperationTag, operation);
        if (storage is { } id)
        {
            activity?.SetTag(StorageTelemetry.StorageTag, id.Value);
        }

        var started = Stopwatch.GetTimestamp();
        string outcome = "success";
        string? error = null;
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = "cancelled";
            throw;
        }
        catch (StorageException failure)
        {
            (outcome, error) = ("failure", failure.Code.Value);
            throw;
        }
        catch (Exception failure)
        {
            (outcome, error) = ("failure", failure is ArgumentException ? "ArgumentException" : failure.GetType().Name);
            throw;
        }
        finally
        {
            activity?.SetTag(StorageTelemetry.OutcomeTag, outcome);
            if (error is not null)
            {
                activity?.SetTag(StorageTelemetry.ErrorTypeTag, error);
                activity?.SetStatus(ActivityStatusCode.Error, error);
            }

            if (Duration.Enabled)
            {
                var tags = new TagList
                {
                    { StorageTelemetry.OperationTag, operation },
                    { StorageTelemetry.OutcomeTag, outcome },
                };
                if (storage is { } sid)
                {
                    tags.Add(StorageTelemetry.StorageTag, sid.Value);
                }

                if (error is not null)
                {
                    tags.Add(StorageTelemetry.ErrorTypeTag, error);
                }

                Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
            }
        }
    }

    /// <summary>Runs an operation without a result in a span.</summary>
    public static Task RunAsync(string operation, StorageId? storage, Func<Task> body, CancellationToken cancellationToken) =>
        RunAsync<bool>(operation, storage, async () =>
        {
            await body().ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>Counts the links of a Files tab by status.</summary>
    public static void CountListed(ContainerFileLinks tab)
    {
        if (!ListedLinks.Enabled)
        {
            return;
        }

        foreach (var section in tab.Storages)
        {
            foreach (var group in section.Links.GroupBy(link => link.Status))
            {
                ListedLinks.Add(group.Count(), new TagList
                {
                    { StorageTelemetry.StorageTag, section.Storage.Value },
                    { StorageTelemetry.LinkStatusTag, group.Key.ToString() },
                });
            }
        }
    }
}
