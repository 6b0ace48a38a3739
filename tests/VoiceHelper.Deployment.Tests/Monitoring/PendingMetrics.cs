namespace VoiceHelper.Deployment.Tests.Monitoring;

/// <summary>
/// Instruments that the alert rules and dashboards read before any code creates them, with what must create
/// them. The names are the contract with that code: kind, OpenTelemetry name and unit as it is to create them.
/// </summary>
internal static class PendingMetrics
{
    public static readonly IReadOnlyList<(string Kind, string Name, string Unit, string Owner)> Instruments =
    [
        ("Histogram", "voicehelper.voice.turn.latency", "s", "voice pipeline: end of user speech to first answer audio"),
        ("Histogram", "voicehelper.voice.stage.duration", "s", "voice pipeline: time per stage, label stage"),
        ("UpDownCounter", "voicehelper.voice.sessions.active", "{session}", "voice pipeline: open voice sessions"),
    ];

    /// <summary>The Prometheus series of the pending instruments.</summary>
    public static IReadOnlySet<string> Series { get; } = Instruments
        .SelectMany(instrument => ExportedMetricNames.SeriesOf(instrument.Kind, instrument.Name, instrument.Unit))
        .ToHashSet(StringComparer.Ordinal);
}
