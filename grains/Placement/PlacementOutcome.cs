namespace VoiceHelper.Grains.Placement;

/// <summary>Where <see cref="AcceleratorPlacementDirector"/> placed an activation, or that it failed the call.</summary>
public enum PlacementOutcome
{
    Accelerator,
    Fallback,
    Rejected,
}
