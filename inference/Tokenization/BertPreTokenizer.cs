using System.Globalization;
using System.Text;
using Microsoft.ML.Tokenizers;

namespace VoiceHelper.Inference.Tokenization;

/// <summary>
/// Splits normalized text into words as the Hugging Face BERT pre-tokenizer does: at white space, with every
/// punctuation character as a word of its own. Special tokens written in the text stay whole.
/// </summary>
/// <remarks>
/// Punctuation means ASCII punctuation (which includes symbols such as <c>$ + &lt; = &gt; ^ ` | ~</c>) and every
/// character of a Unicode punctuation category. The word-or-punctuation pre-tokenizer of Microsoft.ML.Tokenizers
/// 3.0.0 instead keeps only <c>\w+</c> runs and <c>\p{P}</c> characters. It therefore drops symbols such as "=" and "+",
/// and it keeps "_" inside words because .NET counts connector punctuation as a word character.
/// </remarks>
internal sealed class BertPreTokenizer : PreTokenizer
{
    /// <inheritdoc/>
    public override IEnumerable<(int Offset, int Length)> PreTokenize(string text) => Split(text.AsSpan());

    /// <inheritdoc/>
    public override IEnumerable<(int Offset, int Length)> PreTokenize(ReadOnlySpan<char> text) => Split(text);

    private static List<(int Offset, int Length)> Split(ReadOnlySpan<char> text)
    {
        var words = new List<(int Offset, int Length)>();
        var wordStart = -1;
        var index = 0;
        while (index < text.Length)
        {
            var specialLength = BertSpecialTokens.MatchLength(text[index..]);
            if (specialLength > 0)
            {
                CloseWord(words, ref wordStart, index);
                words.Add((index, specialLength));
                index += specialLength;
                continue;
            }

            Rune.DecodeFromUtf16(text[index..], out var rune, out var consumed);
            if (Rune.IsWhiteSpace(rune))
            {
                CloseWord(words, ref wordStart, index);
            }
            else if (IsPunctuation(rune))
            {
                CloseWord(words, ref wordStart, index);
                words.Add((index, consumed));
            }
            else if (wordStart < 0)
            {
                wordStart = index;
            }

            index += consumed;
        }

        CloseWord(words, ref wordStart, text.Length);
        return words;
    }

    private static void CloseWord(List<(int Offset, int Length)> words, ref int wordStart, int end)
    {
        if (wordStart >= 0)
        {
            words.Add((wordStart, end - wordStart));
            wordStart = -1;
        }
    }

    private static bool IsPunctuation(Rune rune)
    {
        if (rune.IsAscii)
        {
            var character = (char)rune.Value;
            return character is > ' ' and < '\u007F' && !char.IsAsciiLetterOrDigit(character);
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
    }
}
