namespace VoiceHelper.Client;

/// <summary>
/// One event of a streamed answer. A new message produces <see cref="ResponseStarted"/> (sequence 0), then
/// <see cref="TextDelta"/> events, one <see cref="ResponseSources"/> and one <see cref="ResponseDone"/>. Ignore event
/// types that you do not know, which later versions may add. Voice sessions have their own events, <see cref="VoiceEvent"/>.
/// </summary>
/// <param name="Sequence">0 for <see cref="ResponseStarted"/>, then 1, 2, ... in the order the answer produced the events.</param>
/// <param name="ResponseId">The id of the answer, which is also the id of the assistant message in <see cref="ResponseDone"/>.</param>
public abstract record ChatEvent(long Sequence, Guid ResponseId);
