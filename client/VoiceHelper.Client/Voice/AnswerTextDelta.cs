namespace VoiceHelper.Client;

/// <summary>
/// <c>response.output_audio_transcript.delta</c>: the next piece of the answer's text, sent before the audio that
/// speaks it.
/// </summary>
/// <param name="Sequence">The event's sequence.</param>
/// <param name="Type">The event's type.</param>
/// <param name="Json">The whole event as JSON.</param>
/// <param name="ResponseId">The response.</param>
/// <param name="ItemId">The assistant item.</param>
/// <param name="Delta">The piece of text.</param>
public sealed record AnswerTextDelta(long Sequence, string Type, string Json, string ResponseId, string ItemId, string Delta)
    : VoiceEvent(Sequence, Type, Json);
