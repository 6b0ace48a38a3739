namespace VoiceHelper.Grains.Retention;

/// <summary>The grain state of the retention job: the last finished run, from which the next one is scheduled.</summary>
[GenerateSerializer, Alias("VoiceHelper.RetentionState")]
public sealed class RetentionState
{
    [Id(0)]
    public RetentionRunResult? LastRun { get; set; }
}
