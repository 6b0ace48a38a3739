namespace VoiceHelper.Grains.Inference;

/// <summary>
/// An inference grain could not be activated because no active silo advertises an accelerator and the cluster is
/// configured to fail such calls rather than run them on CPU silos. A retry succeeds once a silo with an accelerator
/// has joined.
/// </summary>
[GenerateSerializer, Alias("VoiceHelper.AcceleratorUnavailableException")]
public sealed class AcceleratorUnavailableException : Exception
{
    public AcceleratorUnavailableException(string grainType)
        : base($"No active silo has an accelerator to run {grainType}, and Inference:Placement:WhenNoAccelerator is " +
            "Fail. Start a silo with Silo:Accelerator:DeviceCount above 0, or set Inference:Placement:WhenNoAccelerator " +
            "to Fallback to run inference on CPU silos.")
    {
        GrainType = grainType;
    }

    /// <summary>The Orleans grain type that could not be placed, such as <c>embedding</c>.</summary>
    [Id(0)]
    public string GrainType { get; }
}
