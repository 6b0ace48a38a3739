using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace VoiceHelper.Grains.Knowledge;

/// <summary>
/// The ingestion instruments of the meter <c>VoiceHelper.Knowledge</c>. The Prometheus exporter names them
/// <c>voicehelper_ingestion_documents_total</c> (label <c>outcome</c>), <c>voicehelper_ingestion_active</c>,
/// <c>voicehelper_ingestion_chunks_embedded_total</c> and <c>voicehelper_ingestion_duration_seconds</c>, which
/// the alert rules and dashboards in <c>monitoring/</c> read.
/// </summary>
public static class IngestionMetrics
{
    /// <summary>The name of the meter.</summary>
    public const string MeterName = "VoiceHelper.Knowledge";

    /// <summary>The outcome of a document that was indexed.</summary>
    public const string Indexed = "indexed";

    /// <summary>The outcome of a document that the parser rejected (unsupported, corrupt or too complex).</summary>
    public const string Rejected = "rejected";

    /// <summary>The outcome of a document whose ingestion failed for another reason.</summary>
    public const string Failed = "failed";

    /// <summary>The outcome of a document given up after repeated interrupted attempts.</summary>
    public const string Abandoned = "abandoned";

    /// <summary>The outcome of an ingestion that was cancelled, because its document was deleted or replaced.</summary>
    public const string Cancelled = "cancelled";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Documents = Meter.CreateCounter<long>(
        "voicehelper.ingestion.documents", "{document}", "Documents whose ingestion ended, by outcome.");

    private static readonly UpDownCounter<long> Active = Meter.CreateUpDownCounter<long>(
        "voicehelper.ingestion.active", "{document}", "Ingestions that wait for a slot or run on this silo.");

    private static readonly Counter<long> ChunksEmbedded = Meter.CreateCounter<long>(
        "voicehelper.ingestion.chunks.embedded", "{chunk}", "Chunks embedded and stored by ingestion.");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "voicehelper.ingestion.duration", "s", "Time from the start of an ingestion to its end, by outcome.");

    /// <summary>Counts an ingestion that starts, and returns the time stamp to pass to <see cref="Ended"/>.</summary>
    public static long Started()
    {
        Active.Add(1);
        return Stopwatch.GetTimestamp();
    }

    /// <summary>
    /// Counts an ingestion that ended. A null outcome, for a document that an earlier run already finished, only
    /// ends the active count.
    /// </summary>
    public static void Ended(long startTimestamp, string? outcome)
    {
        Active.Add(-1);
        if (outcome is null)
        {
            return;
        }

        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        Documents.Add(1, tag);
        Duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, tag);
    }

    /// <summary>Counts chunks whose embeddings were stored.</summary>
    public static void Embedded(int chunkCount) => ChunksEmbedded.Add(chunkCount);
}
