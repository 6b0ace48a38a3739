using Microsoft.ML.Tokenizers;
using VoiceHelper.Inference.Models;

namespace VoiceHelper.Inference.Tokenization;

/// <summary>
/// The uncased BERT WordPiece tokenizer of all-MiniLM-L6-v2, with the normalization and word splitting of the Hugging
/// Face tokenizer that the model was trained with. Instances are thread-safe.
/// </summary>
/// <remarks>
/// A text longer than <see cref="MaxSequenceLength"/> tokens keeps its first <see cref="MaxSequenceLength"/> − 2 word
/// pieces, cut inside a word if need be, followed by [SEP], as sentence-transformers truncates.
/// </remarks>
public sealed class MiniLmTokenizer
{
    // Text is tokenized in growing prefixes so that a huge text costs no more than the part that fits.
    private const int InitialPrefixLength = 4096;

    private readonly BertTokenizer _tokenizer;

    private MiniLmTokenizer(BertTokenizer tokenizer, int maxSequenceLength)
    {
        _tokenizer = tokenizer;
        MaxSequenceLength = maxSequenceLength;
    }

    /// <summary>Maximum tokens per text, [CLS] and [SEP] included.</summary>
    public int MaxSequenceLength { get; }

    /// <summary>Id of [PAD].</summary>
    public int PaddingTokenId => _tokenizer.PaddingTokenId;

    /// <summary>Id of [CLS], the first token of every text.</summary>
    public int ClassificationTokenId => _tokenizer.ClassificationTokenId;

    /// <summary>Id of [SEP], the last token of every text.</summary>
    public int SeparatorTokenId => _tokenizer.SeparatorTokenId;

    /// <summary>Loads the vocabulary, one token per line, from <paramref name="vocabularyPath"/>.</summary>
    /// <param name="vocabularyPath">Path of vocab.txt.</param>
    /// <param name="maxSequenceLength">Maximum tokens per text, [CLS] and [SEP] included. The minimum is 2.</param>
    public static MiniLmTokenizer Create(string vocabularyPath, int maxSequenceLength = MiniLmModel.MaxSequenceLength)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(vocabularyPath);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSequenceLength, 2);
        var options = new BertOptions
        {
            Normalizer = new BertTextNormalizer(),
            PreTokenizer = new BertPreTokenizer(),
        };
        return new MiniLmTokenizer(BertTokenizer.Create(vocabularyPath, options), maxSequenceLength);
    }

    /// <summary>Tokenizes one text, truncating it to <see cref="MaxSequenceLength"/> tokens.</summary>
    public TokenizedText Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var budget = MaxSequenceLength - 2;
        var pieces = EncodeWordPieces(text, budget);
        var ids = new int[Math.Min(pieces.Count, budget) + 2];
        ids[0] = ClassificationTokenId;
        for (var i = 1; i < ids.Length - 1; i++)
        {
            ids[i] = pieces[i - 1];
        }

        ids[^1] = SeparatorTokenId;
        return new TokenizedText(ids, pieces.Count > budget);
    }

    /// <summary>Tokenizes <paramref name="texts"/> and pads them to the longest.</summary>
    public TokenizedBatch EncodeBatch(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return TokenizedBatch.Create(texts.Select(Encode).ToArray(), PaddingTokenId);
    }

    /// <summary>Returns the word pieces of <paramref name="text"/>, without special tokens or truncation.</summary>
    internal IReadOnlyList<string> EncodeToWordPieces(string text) =>
        _tokenizer.EncodeToTokens(text, out _).Select(token => token.Value).ToArray();

    /// <summary>Returns the ids of the word pieces of <paramref name="text"/>, without special tokens or truncation.</summary>
    internal IReadOnlyList<int> EncodeWithoutLimit(string text) => _tokenizer.EncodeToIds(text, addSpecialTokens: false);

    /// <summary>
    /// Returns the word pieces of the text up to more than <paramref name="budget"/> of them, or all of them if fewer.
    /// </summary>
    private IReadOnlyList<int> EncodeWordPieces(string text, int budget)
    {
        // EncodeToIds stops before the first word that does not fit in maxTokenCount, while sentence-transformers
        // cuts inside that word. A limit larger by the most pieces a word can have (one per character) makes the
        // result longer than the budget whenever the text is, and the caller cuts it to the budget.
        var maxTokenCount = budget + _tokenizer.MaxInputCharsPerWord;
        var prefixLength = InitialPrefixLength;
        while (true)
        {
            var end = FindWordBoundary(text, prefixLength);
            var ids = _tokenizer.EncodeToIds(text[..end], maxTokenCount, addSpecialTokens: false, out _, out _);
            if (ids.Count > budget || end == text.Length)
            {
                return ids;
            }

            prefixLength = (int)Math.Min(text.Length, 2L * prefixLength);
        }
    }

    /// <summary>
    /// Returns the index of the first space or line feed at or after <paramref name="start"/>, or the text's length.
    /// Both always separate words, so the words before that index tokenize as they do in the whole text.
    /// </summary>
    private static int FindWordBoundary(string text, int start)
    {
        if (start >= text.Length)
        {
            return text.Length;
        }

        var offset = text.AsSpan(start).IndexOfAny(' ', '\n');
        return offset < 0 ? text.Length : start + offset;
    }
}
