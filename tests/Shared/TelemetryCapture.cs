using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OpenProject.Storages.Tests;

/// <summary>
/// The spans and measurements of <see cref="StorageTelemetry"/> that one test caused. Listeners are process-wide and
/// tests run in parallel, so the capture starts a root span of its own and keeps only what happened in its trace:
/// spans by trace id, measurements by the span that was current when they were recorded.
/// </summary>
internal sealed class TelemetryCapture : IDisposable
{
    private readonly ActivityListener _spans;
    private readonly MeterListener _meters;
    private readonly Activity _root;

    public TelemetryCapture()
    {
        _spans = new ActivityListener
        {
            ShouldListenTo = source => source.Name is StorageTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == StorageTelemetry.ActivitySourceName && activity.TraceId == _root?.TraceId)
                {
                    Spans.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_spans);
        // A plain Activity, not one of a source: it needs no sampling decision, and its trace id marks the test's own.
        _root = new Activity("test").SetIdFormat(ActivityIdFormat.W3C).Start();

        _meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == StorageTelemetry.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.Start();
    }

    /// <summary>The packages' spans of this test, in the order they ended.</summary>
    public ConcurrentQueue<Activity> Spans { get; } = new();

    /// <summary>The packages' measurements of this test.</summary>
    public ConcurrentQueue<Measurement> Measurements { get; } = new();

    /// <summary>The sum of an instrument's measurements whose tags include every given one.</summary>
    public double Sum(string instrument, params (string Key, object Value)[] tags) =>
        Measurements.Where(m => m.Instrument == instrument && tags.All(t => Equals(m.Tags.GetValueOrDefault(t.Key), t.Value))).Sum(m => m.Value);

    public void Dispose()
    {
        _meters.Dispose();
        _root.Dispose();
        _spans.Dispose();
    }

    private void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct, IConvertible
    {
        if (Activity.Current?.TraceId != _root.TraceId)
        {
            return;
        }

        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        Measurements.Enqueue(new Measurement(instrument.Name, value.ToDouble(System.Globalization.CultureInfo.InvariantCulture), copy));
    }

    /// <summary>One measurement: instrument, value and tags.</summary>
    internal sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);
}
