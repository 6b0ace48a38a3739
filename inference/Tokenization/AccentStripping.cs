using System.Globalization;
using System.Text;

namespace VoiceHelper.Inference.Tokenization;

/// <summary>
/// Removes accents as the Hugging Face BERT normalizer does with strip_accents: canonical decomposition (NFD),
/// then removal of nonspacing marks (Unicode category Mn).
/// </summary>
/// <remarks>
/// <see cref="string.Normalize(NormalizationForm)"/> cannot do this here: with InvariantGlobalization, which this
/// repository sets, .NET 10 returns the text unchanged. The decompositions come from AccentStripping.Data.cs, and Hangul
/// syllables decompose by the algorithm of the Unicode standard (section 3.12). Marks of other categories keep their
/// input order, because the canonical reordering of a full NFD only matters for marks that are removed anyway.
/// </remarks>
internal static partial class AccentStripping
{
    /// <summary>Space that <see cref="Strip"/> may need: three code points of two UTF-16 units each.</summary>
    public const int MaxStrippedLength = 6;

    private const int HangulSyllableFirst = 0xAC00;
    private const int HangulSyllableLast = 0xD7A3;
    private const int HangulLeadingFirst = 0x1100;
    private const int HangulVowelFirst = 0x1161;
    private const int HangulTrailingBase = 0x11A7;
    private const int HangulVowelCount = 21;
    private const int HangulTrailingCount = 28;

    /// <summary>
    /// Writes <paramref name="rune"/> without accents to <paramref name="destination"/> and returns the number of
    /// UTF-16 units written, which is 0 for a nonspacing mark.
    /// </summary>
    public static int Strip(Rune rune, Span<char> destination)
    {
        if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.NonSpacingMark)
        {
            return 0;
        }

        if (rune.Value is >= HangulSyllableFirst and <= HangulSyllableLast)
        {
            return DecomposeHangulSyllable(rune.Value, destination);
        }

        var index = DecomposedCodePoints.BinarySearch(rune.Value);
        if (index < 0)
        {
            return rune.EncodeToUtf16(destination);
        }

        var start = index == 0 ? 0 : ReplacementEnds[index - 1];
        var replacement = Replacements.AsSpan(start, ReplacementEnds[index] - start);
        replacement.CopyTo(destination);
        return replacement.Length;
    }

    private static int DecomposeHangulSyllable(int codePoint, Span<char> destination)
    {
        var syllableIndex = codePoint - HangulSyllableFirst;
        var trailing = syllableIndex % HangulTrailingCount;
        destination[0] = (char)(HangulLeadingFirst + (syllableIndex / (HangulVowelCount * HangulTrailingCount)));
        destination[1] = (char)(HangulVowelFirst + (syllableIndex % (HangulVowelCount * HangulTrailingCount) / HangulTrailingCount));
        if (trailing == 0)
        {
            return 2;
        }

        destination[2] = (char)(HangulTrailingBase + trailing);
        return 3;
    }
}
