using Orleans.Placement;

namespace VoiceHelper.Grains.Placement;

/// <summary>
/// Marks a grain class to be activated on silos with an accelerator (<see cref="AcceleratorPlacementStrategy"/>).
/// Use it for grains whose work is model inference; such a grain cannot also be a stateless worker, whose activations
/// are always local.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class AcceleratorPlacementAttribute() : PlacementAttribute(AcceleratorPlacementStrategy.Instance);
