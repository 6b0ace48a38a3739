namespace VoiceHelper.Client;

/// <summary>
/// <c>conversation.item.input_audio_transcription.delta</c>: part of a user turn's transcript while it is recognized.
/// </summary>
/// <param name="Sequence">The event's sequence.</param>
/// <param name="Type">The event's type.</param>
/// <param name="Json">The whole event as JSON.</param>
/// <param name="ItemId">The user item.</param>
/// <param name="Delta">The next piece of the transcript.</param>
public sealed record TranscriptionDelta(long Sequence, string Type, string Json, string ItemId, string Delta)
    : VoiceEvent(Sequence, Type, Json);
