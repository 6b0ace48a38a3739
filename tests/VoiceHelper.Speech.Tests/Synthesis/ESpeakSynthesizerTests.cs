using VoiceHelper.Speech.Audio;
using VoiceHelper.Speech.Recognition;
using VoiceHelper.Speech.Synthesis;
using VoiceHelper.Speech.Tests.Infrastructure;
using Xunit.Abstractions;

namespace VoiceHelper.Speech.Tests.Synthesis;

[Trait("Category", "Unit")]
public sealed class ESpeakSynthesizerTests(SharedRecognizer recognizer, ITestOutputHelper output) : IClassFixture<SharedRecognizer>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly ESpeakSynthesizer _synthesizer = new(new ESpeakOptions());

    [Fact]
    public async Task Synthesize_English_StreamsChunksAt22050Hz()
    {
        var chunks = await CollectAsync(new SynthesisRequest("The weather is good today. Please open the door."));

        Assert.True(chunks.Count > 5, $"Only {chunks.Count} chunks.");
        Assert.All(chunks, chunk => Assert.Equal(22_050, chunk.SampleRate));
        var seconds = chunks.Sum(chunk => chunk.Samples.Length) / 22_050.0;
        Assert.InRange(seconds, 1.5, 6.0);
        Assert.True(Signals.Rms([.. chunks.SelectMany(chunk => chunk.Samples)]) > 500, "The audio is nearly silent.");
    }

    [Fact]
    public async Task Synthesize_Mandarin_UsesPinyinVoice()
    {
        var request = new SynthesisRequest("今天天气很好。我们去公园散步吧。");

        var chunks = await CollectAsync(request);

        Assert.Equal("cmn-latn-pinyin", _synthesizer.ResolveVoice(request));
        var seconds = chunks.Sum(chunk => chunk.Samples.Length) / 22_050.0;
        // Fourteen syllables take a few seconds; English-spelled pinyin from the 'cmn' voice would take far longer.
        Assert.InRange(seconds, 1.5, 8.0);
    }

    [Fact]
    public void ResolveVoice_OpenAIVoiceName_UsesLanguageDefault()
    {
        Assert.Equal("en-us", _synthesizer.ResolveVoice(new SynthesisRequest("Hello.", Voice: "alloy")));
    }

    [Fact]
    public async Task Synthesize_UnknownVoice_Throws()
    {
        var exception = await Assert.ThrowsAsync<ArgumentException>(() => CollectAsync(new SynthesisRequest("Hello.", Voice: "nope")));

        Assert.Contains("'nope'", exception.Message);
    }

    [Fact]
    public async Task Synthesize_TooLong_Throws()
    {
        var exception = await Assert.ThrowsAsync<ArgumentException>(
            () => CollectAsync(new SynthesisRequest(new string('a', SynthesisRequest.MaxTextLength + 1))));

        Assert.Contains("4096", exception.Message);
    }

    [Fact]
    public async Task Synthesize_Parallel_AllComplete()
    {
        var requests = Enumerable.Range(0, 8).Select(i => new SynthesisRequest($"Request number {i}. It has two sentences."));

        var results = await Task.WhenAll(requests.Select(CollectAsync)).WaitAsync(Timeout);

        Assert.All(results, chunks => Assert.True(chunks.Sum(chunk => chunk.Samples.Length) > 22_050, "A request lost its audio."));
    }

    [Fact]
    public async Task Synthesize_Cancelled_Stops()
    {
        using var cancellation = new CancellationTokenSource();
        var request = new SynthesisRequest(string.Join(" ", Enumerable.Repeat("This sentence repeats.", 100)));

        var received = 0;
        var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in _synthesizer.SynthesizeAsync(request, cancellation.Token))
            {
                received++;
                await cancellation.CancelAsync();
            }
        });

        Assert.Equal(1, received);
        Assert.NotNull(exception);
    }

    [Fact]
    public async Task Synthesize_RecognizedByPocketSphinx_ManyWordsComeBack()
    {
        // The LibriVox reference sentences, spoken by eSpeak and heard by PocketSphinx. PocketSphinx's general model
        // recognizes eSpeak's formant voice poorly: 16 to 17 of 71 words (23 to 24%) came back here, against 72% of
        // the same sentences read by a person. Silent, truncated or garbled audio brings back almost none.
        var found = 0;
        var total = 0;
        foreach (var recording in TestRecordings.LibriVox)
        {
            var chunks = await CollectAsync(new SynthesisRequest(recording.Reference, Speed: 0.9f));
            var clip = new AudioClip([.. chunks.SelectMany(chunk => chunk.Samples)], _synthesizer.SampleRate).ToSampleRate(16_000);
            var result = await recognizer.Recognizer.RecognizeAsync(clip.Samples, RecognitionOptions.Default, default).WaitAsync(Timeout);
            var heard = WordErrorRate.Words(result.Text).ToHashSet();
            var words = WordErrorRate.Words(recording.Reference);
            found += words.Count(heard.Contains);
            total += words.Length;
            output.WriteLine($"'{recording.Reference}' -> '{result.Text}'");
        }

        output.WriteLine($"words heard: {found}/{total} = {found / (double)total:P1}");
        Assert.True(found >= total * 0.15, $"Only {found} of {total} words were recognized.");
    }

    private async Task<List<AudioClip>> CollectAsync(SynthesisRequest request)
    {
        var chunks = new List<AudioClip>();
        await foreach (var chunk in _synthesizer.SynthesizeAsync(request, default))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }
}
