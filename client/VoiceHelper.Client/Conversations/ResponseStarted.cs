namespace VoiceHelper.Client;

/// <summary>The first event of a call that sent a message.</summary>
/// <param name="Sequence">Always 0.</param>
/// <param name="ResponseId">The id of the answer.</param>
/// <param name="UserMessage">The stored user message.</param>
/// <param name="Replayed">True when the idempotency key matched a message stored earlier, so nothing new was stored.</param>
public sealed record ResponseStarted(long Sequence, Guid ResponseId, Message UserMessage, bool Replayed)
    : ChatEvent(Sequence, ResponseId);
