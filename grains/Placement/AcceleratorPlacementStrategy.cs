namespace VoiceHelper.Grains.Placement;

/// <summary>
/// Places activations on silos that advertise an accelerator in their silo metadata, the least loaded first.
/// <see cref="AcceleratorPlacementDirector"/> implements it, and <see cref="AcceleratorPlacementAttribute"/> selects it.
/// </summary>
[GenerateSerializer, Immutable, Alias("VoiceHelper.AcceleratorPlacementStrategy")]
public sealed class AcceleratorPlacementStrategy : PlacementStrategy
{
    internal static readonly AcceleratorPlacementStrategy Instance = new();
}
