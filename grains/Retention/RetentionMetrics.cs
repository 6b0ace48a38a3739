using System.Diagnostics.Metrics;

namespace VoiceHelper.Grains.Retention;

/// <summary>
/// The instruments of the meter <c>VoiceHelper.Retention</c>. The Prometheus exporter names them
/// <c>voicehelper_retention_deleted_rows_total</c> (label <c>kind</c>: <c>usage_event</c>, <c>conversation</c>,
/// <c>turn</c> or <c>voice_audio</c>), <c>voicehelper_retention_runs_total</c> (label <c>outcome</c>:
/// <c>completed</c> or <c>failed</c>) and <c>voicehelper_retention_run_duration_seconds</c>.
/// </summary>
public static class RetentionMetrics
{
    /// <summary>The name of the meter.</summary>
    public const string MeterName = "VoiceHelper.Retention";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> DeletedRows = Meter.CreateCounter<long>(
        "voicehelper.retention.deleted_rows", "{row}", "Rows that the retention job deleted, by kind.");

    private static readonly Counter<long> Runs = Meter.CreateCounter<long>(
        "voicehelper.retention.runs", "{run}", "Runs of the retention job that ended, by outcome.");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "voicehelper.retention.run.duration", "s", "Time that one run of the retention job took.");

    /// <summary>Counts a run that finished and the rows it deleted.</summary>
    public static void Completed(RetentionRunResult result)
    {
        AddDeleted("usage_event", result.UsageEventsDeleted);
        AddDeleted("conversation", result.ConversationsPurged);
        AddDeleted("turn", result.TurnsPurged);
        AddDeleted("voice_audio", result.VoiceAudioDeleted);
        Runs.Add(1, new KeyValuePair<string, object?>("outcome", "completed"));
        Duration.Record(result.Duration.TotalSeconds);
    }

    /// <summary>Counts a run that failed. Rows of batches that finished before the failure stay deleted.</summary>
    public static void Failed(TimeSpan duration)
    {
        Runs.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
        Duration.Record(duration.TotalSeconds);
    }

    private static void AddDeleted(string kind, long rows)
    {
        if (rows > 0)
        {
            DeletedRows.Add(rows, new KeyValuePair<string, object?>("kind", kind));
        }
    }
}
