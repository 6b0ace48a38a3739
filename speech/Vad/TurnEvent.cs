namespace VoiceHelper.Speech.Vad;

/// <summary>What a <see cref="TurnDetector"/> found.</summary>
public enum TurnEventKind
{
    /// <summary>Speech started. <see cref="TurnEvent.AudioMs"/> is the start of the turn's audio, prefix padding included.</summary>
    SpeechStarted,

    /// <summary>
    /// Speech stopped. <see cref="TurnEvent.AudioMs"/> is the end of the turn's audio, trailing silence included, and
    /// <see cref="TurnEvent.Audio"/> holds the turn.
    /// </summary>
    SpeechStopped,
}

/// <summary>A turn boundary, with its offset in milliseconds from the start of the stream.</summary>
/// <param name="Kind">Whether speech started or stopped.</param>
/// <param name="AudioMs">Offset of the boundary from the first sample the detector received, in milliseconds.</param>
/// <param name="Audio">For <see cref="TurnEventKind.SpeechStopped"/>, the 16 kHz samples of the turn; otherwise null.</param>
/// <param name="ReachedMaxDuration">Whether the turn stopped because it reached the maximum duration.</param>
public sealed record TurnEvent(TurnEventKind Kind, long AudioMs, short[]? Audio = null, bool ReachedMaxDuration = false);
