namespace VoiceHelper.Client;

/// <summary><c>input_audio_buffer.speech_started</c>: server VAD heard speech begin. Stop playing any answer.</summary>
/// <param name="Sequence">The event's sequence.</param>
/// <param name="Type">The event's type.</param>
/// <param name="Json">The whole event as JSON.</param>
/// <param name="ItemId">The user item that the turn becomes.</param>
/// <param name="AudioStartMs">Where the speech starts, in ms of the audio sent in this session.</param>
public sealed record SpeechStarted(long Sequence, string Type, string Json, string ItemId, long AudioStartMs)
    : VoiceEvent(Sequence, Type, Json);
