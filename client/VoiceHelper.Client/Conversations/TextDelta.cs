namespace VoiceHelper.Client;

/// <summary>The next piece of the answer's text. The pieces concatenate to the text of the message in <see cref="ResponseDone"/>.</summary>
/// <param name="Sequence">The event's sequence.</param>
/// <param name="ResponseId">The id of the answer.</param>
/// <param name="Text">The piece of text.</param>
public sealed record TextDelta(long Sequence, Guid ResponseId, string Text) : ChatEvent(Sequence, ResponseId);
