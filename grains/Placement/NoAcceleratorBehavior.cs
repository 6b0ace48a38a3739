namespace VoiceHelper.Grains.Placement;

/// <summary>What happens to an inference grain's activation when no active silo advertises an accelerator.</summary>
public enum NoAcceleratorBehavior
{
    /// <summary>Place it on a CPU silo, and log one warning until an accelerator silo joins. For laptops and tests.</summary>
    Fallback,

    /// <summary>Fail the call with <c>AcceleratorUnavailableException</c>. For production clusters sized for GPUs.</summary>
    Fail,
}
