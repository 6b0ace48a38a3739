namespace VoiceHelper.Grains.Retention;

/// <summary>What one run of the retention job deleted, when it started and how long it took.</summary>
[GenerateSerializer, Immutable, Alias("VoiceHelper.RetentionRunResult")]
public sealed record RetentionRunResult(
    [property: Id(0)] DateTimeOffset StartedAt,
    [property: Id(1)] TimeSpan Duration,
    [property: Id(2)] long UsageEventsDeleted,
    [property: Id(3)] long ConversationsPurged,
    [property: Id(4)] long TurnsPurged,
    [property: Id(5)] long VoiceAudioDeleted);
