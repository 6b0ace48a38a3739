namespace VoiceHelper.Grains.Conversations;

/// <summary>
/// A message from the user: its text (a transcript for <see cref="TurnModality.Voice"/>), and optionally the
/// client's idempotency key, which makes a retry return the stored turn instead of appending another.
/// </summary>
[GenerateSerializer, Immutable, Alias("VoiceHelper.UserMessage")]
public sealed record UserMessage(
    [property: Id(0)] string Text,
    [property: Id(1)] TurnModality Modality = TurnModality.Text,
    [property: Id(2)] string? IdempotencyKey = null);
