namespace VoiceHelper.Client;

/// <summary><c>input_audio_buffer.speech_stopped</c>: server VAD heard the turn end.</summary>
/// <param name="Sequence">The event's sequence.</param>
/// <param name="Type">The event's type.</param>
/// <param name="Json">The whole event as JSON.</param>
/// <param name="ItemId">The user item of the turn.</param>
/// <param name="AudioEndMs">Where the speech ends, in ms of the audio sent in this session.</param>
public sealed record SpeechStopped(long Sequence, string Type, string Json, string ItemId, long AudioEndMs)
    : VoiceEvent(Sequence, Type, Json);
