namespace VoiceHelper.Client;

/// <summary>
/// One server event of a voice session: an event of the OpenAI Realtime protocol with VoiceHelper's extensions. The
/// SDK reads the common ones into the derived records; every other type arrives as <see cref="OtherVoiceEvent"/>.
/// </summary>
/// <param name="Sequence">The event's <c>voicehelper_seq</c>, numbered from 1 per session, to resume after.</param>
/// <param name="Type">The event's type, such as <c>response.output_audio.delta</c>.</param>
/// <param name="Json">The whole event as JSON. Audio deltas leave their audio out of it.</param>
public abstract record VoiceEvent(long Sequence, string Type, string Json);
