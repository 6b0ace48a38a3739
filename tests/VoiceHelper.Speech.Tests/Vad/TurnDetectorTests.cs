using VoiceHelper.Speech.Tests.Infrastructure;
using VoiceHelper.Speech.Vad;

namespace VoiceHelper.Speech.Tests.Vad;

[Trait("Category", "Unit")]
public sealed class TurnDetectorTests(SharedVad shared) : IClassFixture<SharedVad>
{
    [Fact]
    public void Process_PaddedRecording_StartsAndStopsOneTurn()
    {
        var clip = TestRecordings.ReadClip(TestRecordings.LibriVox[1].Path);
        var padded = SileroVadTests.Pad(clip.Samples, seconds: 1.5);
        var options = new TurnDetectionOptions { PrefixPaddingMs = 300, SilenceDurationMs = 500 };
        using var detector = new TurnDetector(shared.Vad, options);

        var events = Feed(detector, padded, chunkSamples: 320);

        Assert.Equal([TurnEventKind.SpeechStarted, TurnEventKind.SpeechStopped], events.Select(e => e.Kind));
        var started = events[0];
        var stopped = events[1];
        // The recording starts with about 0.1 s of its own silence after the 1.5 s of padding.
        Assert.InRange(started.AudioMs, 1_500 - 300 - 100, 1_500 + 400);
        var speechEndMs = 1_500 + (long)clip.Duration.TotalMilliseconds;
        Assert.InRange(stopped.AudioMs, speechEndMs - 800, speechEndMs + 600);
        var expectedSamples = (stopped.AudioMs - started.AudioMs) * 16;
        Assert.InRange(stopped.Audio!.Length, expectedSamples - 16, expectedSamples + 16);
    }

    [Fact]
    public void Process_Silence_ReportsNothing()
    {
        using var detector = new TurnDetector(shared.Vad, new TurnDetectionOptions());

        var events = Feed(detector, new short[16_000 * 3], chunkSamples: 480);

        Assert.Empty(events);
        Assert.False(detector.InSpeech);
    }

    [Fact]
    public void Process_TwoRecordings_FindsTwoTurns()
    {
        var first = TestRecordings.ReadClip(TestRecordings.Cards[0].Path).Samples;
        var second = TestRecordings.ReadClip(TestRecordings.Cards[3].Path).Samples;
        short[] audio = [.. new short[8_000], .. first, .. new short[24_000], .. second, .. new short[24_000]];
        using var detector = new TurnDetector(shared.Vad, new TurnDetectionOptions { SilenceDurationMs = 400 });

        var events = Feed(detector, audio, chunkSamples: 512);

        Assert.Equal(4, events.Count);
        Assert.Equal(2, events.Count(e => e.Kind == TurnEventKind.SpeechStopped));
        Assert.True(events[2].AudioMs >= events[1].AudioMs, "The second turn starts before the first ended.");
    }

    [Fact]
    public void Process_OneCallOrSmallChunks_GiveTheSameTurns()
    {
        var clip = TestRecordings.ReadClip(TestRecordings.Cards[4].Path);
        var padded = SileroVadTests.Pad(clip.Samples, seconds: 1.0);
        using var whole = new TurnDetector(shared.Vad, new TurnDetectionOptions());
        using var chunked = new TurnDetector(shared.Vad, new TurnDetectionOptions());

        var wholeEvents = whole.Process(padded).Concat(whole.Flush()).ToList();
        var chunkedEvents = Feed(chunked, padded, chunkSamples: 160).Concat(chunked.Flush()).ToList();

        Assert.Equal(wholeEvents.Select(e => (e.Kind, e.AudioMs)), chunkedEvents.Select(e => (e.Kind, e.AudioMs)));
    }

    [Fact]
    public void Process_LongSpeech_StopsAtMaxTurn()
    {
        var clip = TestRecordings.ReadClip(TestRecordings.LibriVox[0].Path);
        using var detector = new TurnDetector(shared.Vad, new TurnDetectionOptions { MaxTurnMs = 1_000, SilenceDurationMs = 2_000 });

        var events = Feed(detector, clip.Samples, chunkSamples: 512);

        Assert.Contains(events, e => e.Kind == TurnEventKind.SpeechStopped && e.ReachedMaxDuration);
    }

    [Theory]
    [InlineData(1.5f, 300, 500)]
    [InlineData(0.5f, -1, 500)]
    [InlineData(0.5f, 300, 20_000)]
    public void Constructor_InvalidOptions_Throws(float threshold, int prefixPaddingMs, int silenceDurationMs)
    {
        var options = new TurnDetectionOptions
        {
            Threshold = threshold,
            PrefixPaddingMs = prefixPaddingMs,
            SilenceDurationMs = silenceDurationMs,
        };

        var exception = Assert.Throws<ArgumentException>(() => new TurnDetector(shared.Vad, options));

        Assert.Contains("must be between", exception.Message);
    }

    private static List<TurnEvent> Feed(TurnDetector detector, short[] audio, int chunkSamples)
    {
        var events = new List<TurnEvent>();
        for (var offset = 0; offset < audio.Length; offset += chunkSamples)
        {
            events.AddRange(detector.Process(audio.AsSpan(offset, Math.Min(chunkSamples, audio.Length - offset))));
        }

        return events;
    }
}
