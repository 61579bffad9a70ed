using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Xinyong.Storage.Telemetry;

/// <summary>
/// The platform's own instruments (meter <c>Xinyong</c>), exported by the web host through OpenTelemetry (a Prometheus
/// scrape endpoint on its own port, OTLP when configured). The storage code counts what it does here; gauges that need
/// the store (open and overdue case steps, the outbox) are observed by the web host, which knows the store.
/// </summary>
public static class PlatformMetrics
{
    /// <summary>The meter's name (<c>AddMeter("Xinyong")</c>).</summary>
    public const string MeterName = "Xinyong";

    /// <summary>The activity source of the platform's own spans.</summary>
    public static readonly ActivitySource Activities = new(MeterName);

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Rows of imports by outcome (accepted, updated, duplicate, rejected), per catalog item and channel.</summary>
    public static readonly Counter<long> ImportRows = Meter.CreateCounter<long>("xinyong.import.rows", "{row}", "Rows of provider imports by outcome");

    /// <summary>Import batches finished, per item and channel.</summary>
    public static readonly Counter<long> ImportBatches = Meter.CreateCounter<long>("xinyong.import.batches", "{batch}", "Provider import batches finished");

    /// <summary>How long an import took; with <see cref="ImportRows"/> it gives rows per second.</summary>
    public static readonly Histogram<double> ImportDuration = Meter.CreateHistogram<double>("xinyong.import.duration", "s", "Duration of a provider import batch");

    /// <summary>Checks answered (Art. 43-44), per scenario and whether a measure applied.</summary>
    public static readonly Counter<long> Checks = Meter.CreateCounter<long>("xinyong.checks", "{check}", "Joint reward and punishment checks answered");

    /// <summary>Background job runs, per job and outcome (success, failure).</summary>
    public static readonly Counter<long> JobRuns = Meter.CreateCounter<long>("xinyong.job.runs", "{run}", "Background job runs by outcome");

    /// <summary>Registers an observable gauge on the platform's meter (the web host's store-backed figures).</summary>
    public static ObservableGauge<long> Gauge(string name, string unit, string description, Func<IEnumerable<Measurement<long>>> observe) =>
        Meter.CreateObservableGauge(name, observe, unit, description);

    /// <summary>Counts one finished import.</summary>
    public static void Imported(string item, string channel, int accepted, int updated, int duplicates, int rejected, TimeSpan took)
    {
        var itemTag = new KeyValuePair<string, object?>("item", item);
        var channelTag = new KeyValuePair<string, object?>("channel", channel);
        ImportRows.Add(accepted - updated, itemTag, channelTag, new("outcome", "accepted"));
        ImportRows.Add(updated, itemTag, channelTag, new("outcome", "updated"));
        ImportRows.Add(duplicates, itemTag, channelTag, new("outcome", "duplicate"));
        ImportRows.Add(rejected, itemTag, channelTag, new("outcome", "rejected"));
        ImportBatches.Add(1, itemTag, channelTag);
        ImportDuration.Record(took.TotalSeconds, itemTag, channelTag);
    }
}
