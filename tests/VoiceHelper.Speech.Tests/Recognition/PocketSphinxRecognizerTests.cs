using VoiceHelper.Speech.Recognition;
using VoiceHelper.Speech.Tests.Infrastructure;
using Xunit.Abstractions;

namespace VoiceHelper.Speech.Tests.Recognition;

[Trait("Category", "Unit")]
public sealed class PocketSphinxRecognizerTests(SharedRecognizer shared, ITestOutputHelper output) : IClassFixture<SharedRecognizer>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Recognize_LibriVox_WordErrorRateBelowLimit()
    {
        var (errors, words) = await MeasureAsync(TestRecordings.LibriVox);

        // PocketSphinx 0.8's general US English model scored about 30% here; 40% leaves room for other machines.
        Assert.True(errors <= 0.40 * words, $"Word error rate {errors}/{words} = {errors / (double)words:P1}.");
    }

    [Fact]
    public async Task Recognize_Cards_WordErrorRateBelowLimit()
    {
        var (errors, words) = await MeasureAsync(TestRecordings.Cards);

        // 1 of 21 words was wrong here ("four" heard as "for").
        Assert.True(errors <= 0.2 * words, $"Word error rate {errors}/{words} = {errors / (double)words:P1}.");
    }

    [Fact]
    public async Task Recognize_SameClipTwice_GivesSameText()
    {
        var clip = TestRecordings.ReadClip(TestRecordings.LibriVox[0].Path);

        var first = await shared.Recognizer.RecognizeAsync(clip.Samples, RecognitionOptions.Default, default).WaitAsync(Timeout);
        var second = await shared.Recognizer.RecognizeAsync(clip.Samples, RecognitionOptions.Default, default).WaitAsync(Timeout);

        Assert.Equal(first.Text, second.Text);
        Assert.Equal(clip.Duration, first.AudioDuration);
    }

    [Fact]
    public async Task Stream_Chunks_ReportPartialsAndFinalText()
    {
        var recording = TestRecordings.LibriVox[4];
        var clip = TestRecordings.ReadClip(recording.Path);
        await using var stream = await shared.Recognizer.StartStreamAsync(RecognitionOptions.Default, default).AsTask().WaitAsync(Timeout);

        var partials = new List<string>();
        for (var offset = 0; offset < clip.Samples.Length; offset += 3_200)
        {
            var chunk = clip.Samples.AsMemory(offset, Math.Min(3_200, clip.Samples.Length - offset));
            if (await stream.WriteAsync(chunk, default) is { } partial)
            {
                partials.Add(partial);
            }
        }

        var result = await stream.CompleteAsync(default);
        output.WriteLine($"partials: {string.Join(" | ", partials)}; final: {result.Text}");
        Assert.NotEmpty(partials);
        Assert.True(WordErrorRate.Compute(recording.Reference, result.Text) < 0.5, $"Final transcript: '{result.Text}'.");
    }

    [Fact]
    public async Task Stream_PartialInterval_LimitsHypothesisReads()
    {
        var clip = TestRecordings.ReadClip(TestRecordings.LibriVox[3].Path);
        using var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { MaxDecoders = 1, WarmDecoders = 0, PartialIntervalMs = 1_000 });

        var partials = await StreamPartialsAsync(recognizer, clip.Samples);

        // The audio goes in 20 ms chunks, and a partial can come only after each full second of it.
        Assert.NotEmpty(partials);
        Assert.True(partials.Count <= clip.Samples.Length / PocketSphinxRecognizer.SampleRate,
            $"{partials.Count} partials for {clip.Duration.TotalSeconds:0.0} s of audio.");
    }

    [Fact]
    public async Task Stream_PartialIntervalZero_ReportsNoPartials()
    {
        var clip = TestRecordings.ReadClip(TestRecordings.LibriVox[3].Path);
        using var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { MaxDecoders = 1, WarmDecoders = 0, PartialIntervalMs = 0 });

        var partials = await StreamPartialsAsync(recognizer, clip.Samples);

        Assert.Empty(partials);
        Assert.False(recognizer.ProducesPartials);
    }

    [Fact]
    public async Task Recognize_Parallel_UsesAtMostMaxDecoders()
    {
        var recordings = TestRecordings.Cards;

        // Decoders keep an adaptive noise estimate across utterances, so two decoders can differ slightly on one clip:
        // each result is checked against its reference instead of against a sequential run.
        var results = await Task.WhenAll(recordings.Select(recording => shared.Recognizer.RecognizeAsync(
            TestRecordings.ReadClip(recording.Path).Samples, RecognitionOptions.Default, default))).WaitAsync(Timeout);

        for (var i = 0; i < recordings.Count; i++)
        {
            Assert.True(WordErrorRate.Compute(recordings[i].Reference, results[i].Text) <= 0.5,
                $"{recordings[i].Name}: '{results[i].Text}' for '{recordings[i].Reference}'.");
        }

        Assert.InRange(shared.Recognizer.DecoderCount, 1, 2);
    }

    [Fact]
    public async Task Recognize_OtherLanguage_Throws()
    {
        var exception = await Assert.ThrowsAsync<ArgumentException>(() =>
            shared.Recognizer.RecognizeAsync(new short[1_600], new RecognitionOptions(Language: "de"), default));

        Assert.Contains("'de'", exception.Message);
    }

    [Fact]
    public void Constructor_MissingModel_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(
            () => new PocketSphinxRecognizer(new PocketSphinxOptions { AcousticModel = "/nonexistent/hmm", WarmDecoders = 0 }));

        Assert.Contains("pocketsphinx-en-us", exception.Message);
    }

    private static async Task<List<string>> StreamPartialsAsync(PocketSphinxRecognizer recognizer, short[] samples)
    {
        await using var stream = await recognizer.StartStreamAsync(RecognitionOptions.Default, default).AsTask().WaitAsync(Timeout);
        var partials = new List<string>();
        for (var offset = 0; offset < samples.Length; offset += 320)
        {
            var chunk = samples.AsMemory(offset, Math.Min(320, samples.Length - offset));
            if (await stream.WriteAsync(chunk, default) is { } partial)
            {
                partials.Add(partial);
            }
        }

        await stream.CompleteAsync(default);
        return partials;
    }

    private async Task<(int Errors, int Words)> MeasureAsync(IReadOnlyList<Recording> recordings)
    {
        var errors = 0;
        var words = 0;
        foreach (var recording in recordings)
        {
            var clip = TestRecordings.ReadClip(recording.Path);
            var result = await shared.Recognizer.RecognizeAsync(clip.Samples, RecognitionOptions.Default, default).WaitAsync(Timeout);
            var (clipErrors, clipWords) = WordErrorRate.Count(recording.Reference, result.Text);
            output.WriteLine($"{recording.Name}: {clipErrors}/{clipWords} '{result.Text}'");
            errors += clipErrors;
            words += clipWords;
        }

        output.WriteLine($"word error rate {errors}/{words} = {errors / (double)words:P1}");
        return (errors, words);
    }
}
