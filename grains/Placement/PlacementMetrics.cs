using System.Diagnostics.Metrics;

namespace VoiceHelper.Grains.Placement;

/// <summary>The placement decisions of <see cref="AcceleratorPlacementDirector"/>, on the silo's <c>/metrics</c>.</summary>
public sealed class PlacementMetrics
{
    /// <summary>The meter's name, which the silo's telemetry exports.</summary>
    public const string MeterName = "VoiceHelper.Placement";

    private readonly Counter<long> _placements;

    public PlacementMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(new MeterOptions(MeterName));
        _placements = meter.CreateCounter<long>("voicehelper.inference.placements", "{activation}",
            "Placement decisions for inference grains made on this silo, by grain type and outcome: accelerator, " +
            "fallback (a CPU silo because no accelerator silo was active) or rejected.");
    }

    public void Placed(GrainType grainType, PlacementOutcome outcome) =>
        _placements.Add(1,
            new KeyValuePair<string, object?>("grain_type", grainType.ToString()),
            new KeyValuePair<string, object?>("outcome", OutcomeName(outcome)));

    private static string OutcomeName(PlacementOutcome outcome) => outcome switch
    {
        PlacementOutcome.Accelerator => "accelerator",
        PlacementOutcome.Fallback => "fallback",
        _ => "rejected",
    };
}
