namespace VoiceHelper.Client;

/// <summary><c>input_audio_buffer.committed</c>: a turn's audio became a user item, which is recognized next.</summary>
/// <param name="Sequence">The event's sequence.</param>
/// <param name="Type">The event's type.</param>
/// <param name="Json">The whole event as JSON.</param>
/// <param name="ItemId">The new user item.</param>
public sealed record AudioCommitted(long Sequence, string Type, string Json, string ItemId) : VoiceEvent(Sequence, Type, Json);
