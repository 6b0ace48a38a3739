namespace VoiceHelper.Client;

/// <summary>
/// <c>conversation.item.input_audio_transcription.completed</c>: the recognized text of a user turn. An empty transcript means no
/// words were recognized, and the turn gets no answer.
/// </summary>
/// <param name="Sequence">The event's sequence.</param>
/// <param name="Type">The event's type.</param>
/// <param name="Json">The whole event as JSON.</param>
/// <param name="ItemId">The user item.</param>
/// <param name="Transcript">The recognized text.</param>
public sealed record TranscriptionCompleted(long Sequence, string Type, string Json, string ItemId, string Transcript)
    : VoiceEvent(Sequence, Type, Json);
