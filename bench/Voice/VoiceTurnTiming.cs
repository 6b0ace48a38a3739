namespace VoiceHelper.Bench.Voice;

/// <summary>
/// When each stage of one voice turn was seen by the client, in milliseconds after the last sample of the recording
/// was sent: the turn committed, its transcript, the first answer text and the first answer audio.
/// </summary>
internal sealed record VoiceTurnTiming(double CommittedMs, double TranscriptMs, double FirstTextMs, double FirstAudioMs, string Transcript);
