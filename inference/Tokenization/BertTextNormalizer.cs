using System.Globalization;
using System.Text;
using Microsoft.ML.Tokenizers;

namespace VoiceHelper.Inference.Tokenization;

/// <summary>
/// Normalizes text as the Hugging Face BERT normalizer of uncased models does, with clean_text,
/// handle_chinese_chars, strip_accents and lowercase all on. all-MiniLM-L6-v2 was trained on text normalized this way.
/// </summary>
/// <remarks>
/// The BERT normalizer of Microsoft.ML.Tokenizers 3.0.0 differs in ways that change tokens. It deletes tabs and line
/// breaks, so words on adjacent lines merge, and it keeps format characters such as the soft hyphen. It cannot strip
/// accents under InvariantGlobalization. It also recomposes the text (NFC) at the end, which turns Hangul jamo back into
/// syllables that the vocabulary lacks. Special tokens written in the text (see <see cref="BertSpecialTokens"/>) pass
/// through unchanged, so that <see cref="BertPreTokenizer"/> can keep them whole.
/// </remarks>
internal sealed class BertTextNormalizer : Normalizer
{
    /// <inheritdoc/>
    public override string Normalize(string original) => Normalize(original.AsSpan());

    /// <inheritdoc/>
    public override string Normalize(ReadOnlySpan<char> original)
    {
        var builder = new StringBuilder(original.Length);
        var index = 0;
        while (index < original.Length)
        {
            var specialLength = BertSpecialTokens.MatchLength(original[index..]);
            if (specialLength > 0)
            {
                builder.Append(original.Slice(index, specialLength));
                index += specialLength;
                continue;
            }

            // An unpaired surrogate decodes as U+FFFD, which the cleaning step removes.
            Rune.DecodeFromUtf16(original[index..], out var rune, out var consumed);
            index += consumed;
            AppendNormalized(builder, rune);
        }

        return builder.ToString();
    }

    private static void AppendNormalized(StringBuilder builder, Rune rune)
    {
        if (IsRemoved(rune))
        {
            return;
        }

        if (IsWhiteSpace(rune))
        {
            builder.Append(' ');
            return;
        }

        if (IsChineseCharacter(rune.Value))
        {
            builder.Append(' ');
            AppendStrippedLowerCase(builder, rune);
            builder.Append(' ');
            return;
        }

        AppendStrippedLowerCase(builder, rune);
    }

    private static void AppendStrippedLowerCase(StringBuilder builder, Rune rune)
    {
        Span<char> stripped = stackalloc char[AccentStripping.MaxStrippedLength];
        var length = AccentStripping.Strip(rune, stripped);
        var remaining = stripped[..length];
        Span<char> lowerCase = stackalloc char[2];
        while (!remaining.IsEmpty)
        {
            Rune.DecodeFromUtf16(remaining, out var part, out var consumed);
            remaining = remaining[consumed..];
            var written = Rune.ToLowerInvariant(part).EncodeToUtf16(lowerCase);
            builder.Append(lowerCase[..written]);
        }
    }

    /// <summary>
    /// Returns whether the cleaning step drops the character: NUL, U+FFFD, and every character of the Unicode "Other"
    /// categories (control, format, unassigned, private use, surrogate) except tab, line feed and carriage return.
    /// </summary>
    private static bool IsRemoved(Rune rune)
    {
        if (rune.Value is '\t' or '\n' or '\r')
        {
            return false;
        }

        if (rune.Value is 0 or 0xFFFD)
        {
            return true;
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate;
    }

    private static bool IsWhiteSpace(Rune rune) => rune.Value is '\t' or '\n' or '\r' || Rune.IsWhiteSpace(rune);

    /// <summary>Returns whether the code point is in a CJK Unified Ideographs block, whose characters become single words.</summary>
    private static bool IsChineseCharacter(int codePoint) => codePoint is
        (>= 0x4E00 and <= 0x9FFF) or
        (>= 0x3400 and <= 0x4DBF) or
        (>= 0x20000 and <= 0x2A6DF) or
        (>= 0x2A700 and <= 0x2B73F) or
        (>= 0x2B740 and <= 0x2B81F) or
        (>= 0x2B920 and <= 0x2CEAF) or
        (>= 0xF900 and <= 0xFAFF) or
        (>= 0x2F800 and <= 0x2FA1F);
}
