using VoiceHelper.Inference.Models;
using VoiceHelper.Inference.Tokenization;

namespace VoiceHelper.Inference.Tests.Tokenization;

/// <summary>
/// Checks the normalization and word splitting of the Hugging Face BERT tokenizer that all-MiniLM-L6-v2 was trained
/// with, in the cases where Microsoft.ML.Tokenizers' own BERT tokenizer or the SentenceTransformers package differ.
/// </summary>
[Trait("Category", "Unit")]
public sealed class MiniLmTokenizerTests
{
    private static readonly MiniLmTokenizer Tokenizer =
        MiniLmTokenizer.Create(Path.Combine(MiniLmModel.DefaultFolder, MiniLmModel.Vocabulary.Name));

    public static TheoryData<string, string[]> WordPieceCases => new()
    {
        { "Hello\nworld", ["hello", "world"] },
        { "tab\tseparated\r\nlines", ["tab", "separated", "lines"] },
        { "snake_case", ["snake", "_", "case"] },
        { "x = y + 2", ["x", "=", "y", "+", "2"] },
        { "Café NAÏVE", ["cafe", "naive"] },
        { "北京", ["北", "京"] },
        { "before [SEP] after", ["before", "[SEP]", "after"] },
        { "before [sep] after", ["before", "[", "sep", "]", "after"] },
        { "a\u00A0b\u2028c", ["a", "b", "c"] },
        { "section 6b", ["section", "6", "##b"] },
    };

    [Theory]
    [MemberData(nameof(WordPieceCases))]
    public void EncodeToWordPieces_Text_MatchesHuggingFaceBert(string text, string[] expected)
    {
        Assert.Equal(expected, Tokenizer.EncodeToWordPieces(text));
    }

    [Theory]
    [InlineData("soft\u00ADhyphen", "softhyphen")]
    [InlineData("zero\u200Bwidth", "zerowidth")]
    [InlineData("nul\0and\uFFFDreplacement", "nulandreplacement")]
    [InlineData("vertical\vtab", "verticaltab")]
    public void EncodeToWordPieces_FormatAndControlCharacters_AreRemoved(string text, string withoutThem)
    {
        Assert.Equal(Tokenizer.EncodeToWordPieces(withoutThem), Tokenizer.EncodeToWordPieces(text));
    }

    [Fact]
    public void EncodeToWordPieces_Hangul_BecomesJamo()
    {
        // The NFD of 한국어. The vocabulary has jamo but no precomposed syllables.
        const string jamo = "\u1112\u1161\u11AB\u1100\u116E\u11A8\u110B\u1165";

        var pieces = Tokenizer.EncodeToWordPieces("한국어");

        Assert.Equal(Tokenizer.EncodeToWordPieces(jamo), pieces);
        Assert.DoesNotContain("[UNK]", pieces);
    }

    [Fact]
    public void EncodeToWordPieces_WordOver100Characters_IsUnknown()
    {
        Assert.Equal(["[UNK]"], Tokenizer.EncodeToWordPieces(new string('a', 101)));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n\t ")]
    public void Encode_EmptyText_IsClassificationAndSeparator(string text)
    {
        var tokenized = Tokenizer.Encode(text);

        Assert.Equal([Tokenizer.ClassificationTokenId, Tokenizer.SeparatorTokenId], tokenized.Ids);
        Assert.False(tokenized.IsTruncated);
    }

    [Fact]
    public void Encode_TextOf256Tokens_IsNotTruncated()
    {
        var text = string.Join(' ', Enumerable.Repeat("word", 254));

        var tokenized = Tokenizer.Encode(text);

        Assert.Equal(256, tokenized.Ids.Count);
        Assert.False(tokenized.IsTruncated);
    }

    [Fact]
    public void Encode_LongText_KeepsFirst254PiecesCutInsideAWord()
    {
        // 253 one-piece words, then a word of several pieces that straddles the limit.
        var text = string.Join(' ', Enumerable.Repeat("word", 253)) + " unbelievability and more words";
        var allPieces = Tokenizer.EncodeWithoutLimit(text);

        var tokenized = Tokenizer.Encode(text);

        Assert.True(allPieces.Count > 256);
        Assert.True(tokenized.IsTruncated);
        Assert.Equal([Tokenizer.ClassificationTokenId, .. allPieces.Take(254), Tokenizer.SeparatorTokenId], tokenized.Ids);
    }

    [Fact]
    public void Encode_HugeText_EqualsEncodingOfItsStart()
    {
        var start = string.Join(' ', Enumerable.Range(0, 2000).Select(i => $"item{i}"));
        var huge = start + string.Concat(Enumerable.Repeat(" filler text", 200_000));

        var tokenized = Tokenizer.Encode(huge);

        Assert.Equal(Tokenizer.Encode(start).Ids, tokenized.Ids);
        Assert.True(tokenized.IsTruncated);
    }

    [Fact]
    public void Encode_LongRunOfSpacesBeforeWord_FindsWord()
    {
        var text = new string(' ', 100_000) + "word";

        var tokenized = Tokenizer.Encode(text);

        Assert.Equal(3, tokenized.Ids.Count);
        Assert.False(tokenized.IsTruncated);
    }

    [Fact]
    public void EncodeBatch_TextsOfDifferentLength_PadsToLongest()
    {
        var batch = Tokenizer.EncodeBatch(["one two three", "one"]);

        Assert.Equal(2, batch.Count);
        Assert.Equal(5, batch.SequenceLength);
        Assert.Equal([1L, 1, 1, 1, 1, 1, 1, 1, 0, 0], batch.AttentionMask.ToArray());
        Assert.Equal([(long)Tokenizer.PaddingTokenId, Tokenizer.PaddingTokenId], batch.InputIds[8..].ToArray());
        Assert.All(batch.TokenTypeIds.ToArray(), id => Assert.Equal(0, id));
    }
}
