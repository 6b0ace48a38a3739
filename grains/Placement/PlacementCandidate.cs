namespace VoiceHelper.Grains.Placement;

/// <summary>A silo that may host an activation, and the accelerator devices its load is shared by (1 for a CPU silo).</summary>
public readonly record struct PlacementCandidate(SiloAddress Silo, int Devices);
