namespace VoiceHelper.Grains.Conversations;

/// <summary>
/// A message from the user: its text (a transcript for <see cref="TurnModality.Voice"/>), and optionally the client's
/// idempotency key, which makes a retry return the stored turn instead of appending another. <see cref="History"/>,
/// when not null, is the client's own copy of the earlier messages, oldest first, which the question rewriter
/// reads in place of the stored turns. It is not stored, so a stateless client can send its whole history with
/// each message and still have follow-up questions understood.
/// </summary>
[GenerateSerializer, Immutable, Alias("VoiceHelper.UserMessage")]
public sealed record UserMessage(
    [property: Id(0)] string Text,
    [property: Id(1)] TurnModality Modality = TurnModality.Text,
    [property: Id(2)] string? IdempotencyKey = null,
    [property: Id(3)] IReadOnlyList<PriorMessage>? History = null);
