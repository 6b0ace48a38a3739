using System.Diagnostics.Metrics;

namespace VoiceHelper.Grains.Voice;

/// <summary>
/// The instruments of the meter <c>VoiceHelper.Voice</c>. The Prometheus exporter names them
/// <c>voicehelper_voice_sessions_active</c>, <c>voicehelper_voice_turn_latency_seconds</c> (end of speech to the first
/// audio of the answer) and <c>voicehelper_voice_stage_duration_seconds</c> (label <c>stage</c>: <c>commit</c>,
/// <c>recognition</c>, <c>answer</c> or <c>synthesis</c>), which the voice dashboard and the latency alert read.
/// </summary>
internal static class VoiceMetrics
{
    /// <summary>The name of the meter.</summary>
    public const string MeterName = "VoiceHelper.Voice";

    // Fine steps below two seconds, where the latency target of 1.5 s sits; the exporter's default buckets suit
    // milliseconds, not seconds.
    private static readonly InstrumentAdvice<double> SecondsAdvice = new()
    {
        HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3, 5, 10, 30],
    };

    private static readonly Meter Meter = new(MeterName);

    private static readonly UpDownCounter<long> Sessions = Meter.CreateUpDownCounter<long>(
        "voicehelper.voice.sessions.active", "{session}", "Voice sessions active on this silo.");

    private static readonly Histogram<double> TurnLatency = Meter.CreateHistogram(
        "voicehelper.voice.turn.latency", "s", "Time from the end of the user's speech to the first audio of the answer.",
        advice: SecondsAdvice);

    private static readonly Histogram<double> StageDuration = Meter.CreateHistogram(
        "voicehelper.voice.stage.duration", "s", "Time that each stage of a voice turn took, by stage.",
        advice: SecondsAdvice);

    /// <summary>Counts a session grain that became active.</summary>
    public static void SessionStarted() => Sessions.Add(1);

    /// <summary>Counts a session grain that deactivated.</summary>
    public static void SessionEnded() => Sessions.Add(-1);

    /// <summary>Records what <see cref="VoiceTurnClock"/> measured.</summary>
    public static void Record(VoiceTurnMeasurement measurement)
    {
        if (measurement.StageSeconds is { } stageSeconds)
        {
            StageDuration.Record(stageSeconds, new KeyValuePair<string, object?>("stage", StageName(measurement.Stage)));
        }

        if (measurement.TurnSeconds is { } turnSeconds)
        {
            TurnLatency.Record(turnSeconds);
        }
    }

    private static string StageName(VoiceTurnStage stage) => stage switch
    {
        VoiceTurnStage.Commit => "commit",
        VoiceTurnStage.Recognition => "recognition",
        VoiceTurnStage.Answer => "answer",
        VoiceTurnStage.Synthesis => "synthesis",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Unknown voice turn stage."),
    };
}
