namespace VoiceHelper.Client;

/// <summary><c>response.output_audio.delta</c>: the next piece of the spoken answer.</summary>
/// <param name="Sequence">The event's sequence.</param>
/// <param name="Type">The event's type.</param>
/// <param name="Json">The event as JSON, without the audio.</param>
/// <param name="ResponseId">The response.</param>
/// <param name="ItemId">The assistant item.</param>
/// <param name="Audio">The audio bytes, 100 ms by default.</param>
/// <param name="Format">The session's output format when the SDK read the event, which the audio is in.</param>
public sealed record AnswerAudioDelta(
    long Sequence, string Type, string Json, string ResponseId, string ItemId, ReadOnlyMemory<byte> Audio, AudioFormat Format)
    : VoiceEvent(Sequence, Type, Json);
