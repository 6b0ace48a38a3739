using VoiceHelper.Grains.Voice;

namespace VoiceHelper.Tests.Voice;

[Trait("Category", "Unit")]
public sealed class VoiceTurnClockTests
{
    // Timestamps in milliseconds.
    private const long Frequency = 1000;

    [Fact]
    public void Observe_ServerVadTurn_TimesAllStages()
    {
        var clock = new VoiceTurnClock();

        Assert.Null(clock.Observe(VoiceEventKind.SpeechStopped, 1_000, Frequency));
        var commit = clock.Observe(VoiceEventKind.AudioCommitted, 1_010, Frequency);
        var recognition = clock.Observe(VoiceEventKind.TranscriptionCompleted, 1_300, Frequency);
        var answer = clock.Observe(VoiceEventKind.TranscriptDelta, 1_500, Frequency);
        Assert.Null(clock.Observe(VoiceEventKind.TranscriptDelta, 1_550, Frequency));
        var synthesis = clock.Observe(VoiceEventKind.AudioDelta, 1_700, Frequency);

        Assert.Equal(new VoiceTurnMeasurement(VoiceTurnStage.Commit, 0.01), commit);
        Assert.Equal(new VoiceTurnMeasurement(VoiceTurnStage.Recognition, 0.29), recognition);
        Assert.Equal(new VoiceTurnMeasurement(VoiceTurnStage.Answer, 0.2), answer);
        Assert.Equal(new VoiceTurnMeasurement(VoiceTurnStage.Synthesis, 0.2, 0.7), synthesis);
    }

    [Fact]
    public void Observe_LaterAudio_NotTimedAgain()
    {
        var clock = new VoiceTurnClock();
        clock.Observe(VoiceEventKind.SpeechStopped, 0, Frequency);
        clock.Observe(VoiceEventKind.AudioCommitted, 0, Frequency);
        clock.Observe(VoiceEventKind.TranscriptionCompleted, 100, Frequency);
        clock.Observe(VoiceEventKind.AudioDelta, 200, Frequency);

        Assert.Null(clock.Observe(VoiceEventKind.AudioDelta, 300, Frequency));
    }

    [Fact]
    public void Observe_ManualCommit_TurnStartsAtCommit()
    {
        var clock = new VoiceTurnClock();

        var commit = clock.Observe(VoiceEventKind.AudioCommitted, 5_000, Frequency);
        clock.Observe(VoiceEventKind.TranscriptionCompleted, 5_400, Frequency);
        var synthesis = clock.Observe(VoiceEventKind.AudioDelta, 6_000, Frequency);

        Assert.Equal(0.0, commit!.StageSeconds);
        // No answer text came before the audio, so the synthesis stage has no start.
        Assert.Equal(new VoiceTurnMeasurement(VoiceTurnStage.Synthesis, null, 1.0), synthesis);
    }

    [Fact]
    public void Observe_NoiseWithoutTranscript_ResumedAudioNotTimed()
    {
        var clock = new VoiceTurnClock();
        clock.Observe(VoiceEventKind.SpeechStopped, 0, Frequency);
        clock.Observe(VoiceEventKind.AudioCommitted, 10, Frequency);

        Assert.Null(clock.Observe(VoiceEventKind.AudioDelta, 400, Frequency));
    }

    [Fact]
    public void Observe_GreetingAudio_NotTimed()
    {
        var clock = new VoiceTurnClock();

        Assert.Null(clock.Observe(VoiceEventKind.TranscriptDelta, 10, Frequency));
        Assert.Null(clock.Observe(VoiceEventKind.AudioDelta, 20, Frequency));
    }
}
