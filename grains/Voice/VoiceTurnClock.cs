namespace VoiceHelper.Grains.Voice;

/// <summary>
/// Follows one voice session's events and times each answered turn: from the end of the user's speech to the first
/// audio of the answer, and the stages in between. It reads only the events that the session emits, so it times
/// what a client would see, and it skips turns that produced no transcript, such as a cough during playback.
/// </summary>
internal sealed class VoiceTurnClock
{
    private long? _speechEnded;
    private long? _committed;
    private long? _transcribed;
    private long? _firstText;

    /// <summary>
    /// Takes the next event of the session at <paramref name="timestamp"/> (in <see cref="TimeProvider"/> ticks of
    /// <paramref name="frequency"/> per second) and returns what it completes, if anything.
    /// </summary>
    public VoiceTurnMeasurement? Observe(VoiceEventKind kind, long timestamp, long frequency)
    {
        switch (kind)
        {
            case VoiceEventKind.SpeechStopped:
                _speechEnded = timestamp;
                _committed = _transcribed = _firstText = null;
                return null;

            case VoiceEventKind.AudioCommitted:
                // Without server VAD the commit itself ends the user's turn.
                _speechEnded ??= timestamp;
                _committed = timestamp;
                return new VoiceTurnMeasurement(VoiceTurnStage.Commit, Seconds(_speechEnded.Value, timestamp, frequency));

            case VoiceEventKind.TranscriptionCompleted when _committed is { } committed:
                _transcribed = timestamp;
                return new VoiceTurnMeasurement(VoiceTurnStage.Recognition, Seconds(committed, timestamp, frequency));

            case VoiceEventKind.TranscriptDelta when _transcribed is { } transcribed && _firstText is null:
                _firstText = timestamp;
                return new VoiceTurnMeasurement(VoiceTurnStage.Answer, Seconds(transcribed, timestamp, frequency));

            case VoiceEventKind.AudioDelta when _transcribed is not null && _speechEnded is { } ended:
                var synthesis = _firstText is { } firstText ? Seconds(firstText, timestamp, frequency) : (double?)null;
                _speechEnded = _committed = _transcribed = _firstText = null;
                return new VoiceTurnMeasurement(VoiceTurnStage.Synthesis, synthesis, Seconds(ended, timestamp, frequency));

            default:
                return null;
        }
    }

    private static double Seconds(long start, long end, long frequency) => (end - start) / (double)frequency;
}

/// <summary>The part of a voice turn that a measurement covers.</summary>
internal enum VoiceTurnStage
{
    /// <summary>From the end of speech to <c>input_audio_buffer.committed</c>.</summary>
    Commit,

    /// <summary>From the commit to the completed transcript.</summary>
    Recognition,

    /// <summary>From the transcript to the first text of the answer.</summary>
    Answer,

    /// <summary>From the first text of the answer to its first audio.</summary>
    Synthesis,
}

/// <summary>
/// One stage's duration in seconds, null when the stage did not happen in this turn, and with the last stage the whole
/// turn's latency from the end of speech to the first audio.
/// </summary>
internal sealed record VoiceTurnMeasurement(VoiceTurnStage Stage, double? StageSeconds, double? TurnSeconds = null);
