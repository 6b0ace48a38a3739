using VoiceHelper.Speech.Audio;
using VoiceHelper.Speech.Tests.Infrastructure;
using VoiceHelper.Speech.Vad;

namespace VoiceHelper.Speech.Tests.Vad;

[Trait("Category", "Unit")]
public sealed class SileroVadTests(SharedVad shared) : IClassFixture<SharedVad>
{
    [Fact]
    public void Probabilities_Recording_FindSpeechInTheMiddle()
    {
        var clip = TestRecordings.ReadClip(TestRecordings.LibriVox[1].Path);
        var padded = Pad(clip.Samples, seconds: 1.0);

        var probabilities = shared.Vad.ComputeProbabilities(Pcm16.ToFloat(padded));

        var windowsPerSecond = 16_000 / SileroVadModel.WindowSamples;
        var leading = probabilities.Take(windowsPerSecond - 2).Max();
        var trailing = probabilities.TakeLast(windowsPerSecond - 6).Max();
        var speechWindows = probabilities.Skip(windowsPerSecond).Take(clip.Samples.Length / SileroVadModel.WindowSamples)
            .Count(probability => probability >= 0.5);
        Assert.True(leading < 0.1, $"Silence before the speech scored {leading}.");
        Assert.True(trailing < 0.1, $"Silence after the speech scored {trailing}.");
        Assert.True(speechWindows > probabilities.Length / 4, $"Only {speechWindows} of {probabilities.Length} windows were speech.");
    }

    [Fact]
    public void Probabilities_Silence_FindNoSpeech()
    {
        var probabilities = shared.Vad.ComputeProbabilities(new float[16_000 * 2]);

        Assert.All(probabilities, probability => Assert.True(probability < 0.1, $"Silence scored {probability}."));
    }

    [Fact]
    public void Streams_Interleaved_KeepTheirOwnState()
    {
        var first = Pcm16.ToFloat(TestRecordings.ReadClip(TestRecordings.LibriVox[1].Path).Samples);
        var second = Pcm16.ToFloat(TestRecordings.ReadClip(TestRecordings.Cards[4].Path).Samples);
        var expectedFirst = shared.Vad.ComputeProbabilities(first);
        var expectedSecond = shared.Vad.ComputeProbabilities(second);

        using var streamA = shared.Vad.CreateStream();
        using var streamB = shared.Vad.CreateStream();
        var actualFirst = new List<float>();
        var actualSecond = new List<float>();
        for (var offset = 0; offset < Math.Max(first.Length, second.Length); offset += 320)
        {
            streamA.Process(first.AsSpan(Math.Min(offset, first.Length), Math.Clamp(first.Length - offset, 0, 320)), actualFirst);
            streamB.Process(second.AsSpan(Math.Min(offset, second.Length), Math.Clamp(second.Length - offset, 0, 320)), actualSecond);
        }

        streamA.Flush(actualFirst);
        streamB.Flush(actualSecond);
        Assert.Equal(expectedFirst, actualFirst);
        Assert.Equal(expectedSecond, actualSecond);
    }

    [Fact]
    public void Streams_Parallel_MatchSequentialResults()
    {
        var clips = TestRecordings.All.Select(recording => Pcm16.ToFloat(TestRecordings.ReadClip(recording.Path).Samples)).ToList();
        var expected = clips.Select(clip => shared.Vad.ComputeProbabilities(clip)).ToList();

        var actual = new float[clips.Count][];
        Parallel.For(0, clips.Count, i => actual[i] = shared.Vad.ComputeProbabilities(clips[i]));

        for (var i = 0; i < clips.Count; i++)
        {
            Assert.Equal(expected[i], actual[i]);
        }
    }

    [Fact]
    public void Constructor_MissingModel_NamesTheFix()
    {
        var exception = Assert.Throws<FileNotFoundException>(
            () => new SileroVad(new SileroVadOptions { ModelFolder = "/nonexistent/silero" }));

        Assert.Contains("build.ps1 setup", exception.Message);
    }

    internal static short[] Pad(short[] samples, double seconds)
    {
        var silence = new short[(int)(16_000 * seconds)];
        return [.. silence, .. samples, .. silence];
    }
}
