using System.ComponentModel.DataAnnotations;

namespace VoiceHelper.Grains.Placement;

/// <summary>Settings of accelerator placement, read from the <c>Inference:Placement</c> configuration section.</summary>
public sealed class AcceleratorPlacementOptions
{
    public const string SectionName = "Inference:Placement";

    /// <summary>
    /// What happens when no active silo advertises an accelerator: <see cref="NoAcceleratorBehavior.Fallback"/>
    /// (default) runs inference grains on CPU silos, <see cref="NoAcceleratorBehavior.Fail"/> fails their calls.
    /// </summary>
    [EnumDataType(typeof(NoAcceleratorBehavior),
        ErrorMessage = "Inference:Placement:WhenNoAccelerator must be Fallback or Fail.")]
    public NoAcceleratorBehavior WhenNoAccelerator { get; set; } = NoAcceleratorBehavior.Fallback;

    /// <summary>
    /// The keys of each inference grain type that callers spread their requests over, round robin. Each key is one
    /// activation that is placed on its own, so this is the number of pieces in which the load can be spread over the
    /// accelerator silos. Every silo's callers must use the same value. Default 16.
    /// </summary>
    [Range(1, 1024, ErrorMessage = "Inference:Placement:GrainPoolSize must be between 1 and 1024.")]
    public int GrainPoolSize { get; set; } = 16;

    /// <summary>
    /// How long the inference activation counts of other silos, which the placement balances, are reused before a
    /// placement reads them again. Between reads a silo counts its own placements on top. Default 5 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00",
        ErrorMessage = "Inference:Placement:LoadRefreshPeriod must be between 00:00:00 and 01:00:00.")]
    public TimeSpan LoadRefreshPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a placement waits for the activation counts of other silos. Past it, the placement uses the counts it
    /// has and logs a warning. Default 2 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00",
        ErrorMessage = "Inference:Placement:LoadQueryTimeout must be between 00:00:00.010 and 00:01:00.")]
    public TimeSpan LoadQueryTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
