namespace VoiceHelper.Grains.Conversations;

/// <summary>
/// A stored user turn and the id of the assistant turn that answers it, which is also the response id to read
/// or cancel. <see cref="Replayed"/> is true when an idempotency key matched a turn stored earlier.
/// </summary>
[GenerateSerializer, Immutable, Alias("VoiceHelper.ResponseStart")]
public sealed record ResponseStart(
    [property: Id(0)] Turn Message,
    [property: Id(1)] Guid ResponseId,
    [property: Id(2)] bool Replayed);
