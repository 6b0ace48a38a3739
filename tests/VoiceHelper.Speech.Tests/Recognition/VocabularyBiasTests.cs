using VoiceHelper.Speech.Recognition;
using VoiceHelper.Speech.Recognition.Internal;
using VoiceHelper.Speech.Tests.Infrastructure;
using Xunit.Abstractions;

namespace VoiceHelper.Speech.Tests.Recognition;

[Trait("Category", "Unit")]
public sealed class VocabularyBiasTests(SharedRecognizer shared, ITestOutputHelper output) : IClassFixture<SharedRecognizer>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Recognize_OtherSentencesAsVocabulary_LowersErrors()
    {
        var recordings = TestRecordings.LibriVox;

        var plain = await CountErrorsAsync(recordings, _ => null);
        // Each recording is biased toward the other four sentences of the same chapter, never its own.
        var biased = await CountErrorsAsync(recordings, i => new RecognitionVocabulary(
            $"librivox-without-{i}", [.. recordings.Where((_, j) => j != i).Select(recording => recording.Reference)]));

        output.WriteLine($"errors without vocabulary {plain}, with the other sentences {biased}");
        Assert.True(biased < plain, $"Errors with vocabulary {biased}, without {plain}.");
    }

    [Fact]
    public async Task Recognize_UnrelatedVocabulary_KeepsErrorsClose()
    {
        var recordings = TestRecordings.LibriVox;
        var cards = new RecognitionVocabulary("cards", [.. TestRecordings.Cards.Select(recording => recording.Reference)]);

        var plain = await CountErrorsAsync(recordings, _ => null);
        var biased = await CountErrorsAsync(recordings, _ => cards);

        output.WriteLine($"errors without vocabulary {plain}, with card names {biased}");
        Assert.True(biased <= plain + 3, $"Errors with an unrelated vocabulary {biased}, without {plain}.");
    }

    [Fact]
    public async Task Recognize_VocabularyWithoutKnownWords_MatchesPlain()
    {
        var clip = TestRecordings.ReadClip(TestRecordings.LibriVox[1].Path);
        var unknown = new RecognitionVocabulary("unknown-words", ["zxqv blorptang"]);

        var plain = await shared.Recognizer.RecognizeAsync(clip.Samples, RecognitionOptions.Default, default).WaitAsync(Timeout);
        var biased = await shared.Recognizer.RecognizeAsync(clip.Samples, new RecognitionOptions(Vocabulary: unknown), default)
            .WaitAsync(Timeout);

        Assert.Equal(plain.Text, biased.Text);
    }

    [Fact]
    public void ArpaWriter_Sentences_CountsGrams()
    {
        var arpa = ArpaWriter.Build(["open the door", "close the door", "the unknownword door"],
            new HashSet<string> { "open", "close", "the", "door" });

        Assert.NotNull(arpa);
        // <s>, </s>, open, close, the, door.
        Assert.Contains("ngram 1=6", arpa);
        // <s> open, open the, the door, door </s>, <s> close, close the, <s> the (the unknown word is left out).
        Assert.Contains("ngram 2=7", arpa);
        Assert.DoesNotContain("unknownword", arpa);
    }

    private async Task<int> CountErrorsAsync(IReadOnlyList<Recording> recordings, Func<int, RecognitionVocabulary?> vocabularyOf)
    {
        var errors = 0;
        for (var i = 0; i < recordings.Count; i++)
        {
            var clip = TestRecordings.ReadClip(recordings[i].Path);
            var options = new RecognitionOptions(Vocabulary: vocabularyOf(i));
            var result = await shared.Recognizer.RecognizeAsync(clip.Samples, options, default).WaitAsync(Timeout);
            errors += WordErrorRate.Count(recordings[i].Reference, result.Text).Errors;
        }

        return errors;
    }
}
