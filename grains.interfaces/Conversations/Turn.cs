namespace VoiceHelper.Grains.Conversations;

/// <summary>
/// One stored message of a conversation. <see cref="Sequence"/> numbers the turns of a conversation from 1
/// in the order they were stored.
/// </summary>
[GenerateSerializer, Immutable, Alias("VoiceHelper.Turn")]
public sealed record Turn(
    [property: Id(0)] Guid Id,
    [property: Id(1)] long Sequence,
    [property: Id(2)] TurnRole Role,
    [property: Id(3)] string Text,
    [property: Id(4)] TurnModality Modality,
    [property: Id(5)] DateTimeOffset CreatedAt);
