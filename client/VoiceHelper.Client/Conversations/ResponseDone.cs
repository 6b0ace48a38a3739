namespace VoiceHelper.Client;

/// <summary>
/// The last event of an answer: the stored assistant message, whose <see cref="Message.Status"/> tells whether the
/// answer completed, was cancelled or failed.
/// </summary>
/// <param name="Sequence">The event's sequence.</param>
/// <param name="ResponseId">The id of the answer.</param>
/// <param name="AssistantMessage">The stored assistant message.</param>
public sealed record ResponseDone(long Sequence, Guid ResponseId, Message AssistantMessage) : ChatEvent(Sequence, ResponseId);
