using System.Text.RegularExpressions;

namespace VoiceHelper.Knowledge.Answering.Internal;

/// <summary>
/// Picks the sentences of a cited passage to quote: at most two that share the most words with the reply sentences
/// citing it, in passage order, or the passage's first sentence when none shares a word.
/// </summary>
/// <remarks>
/// NOTE: words are runs of letters and digits, and the stop words are English, so for languages written without
/// spaces (Chinese, Japanese) few words match and the quote falls back to the passage's first sentence.
/// </remarks>
internal static partial class QuoteSelector
{
    private const int MaxQuoteSentences = 2;
    private const int MinWordLength = 3;

    // The maximum length of the quote of a passage that has no sentence long enough to quote on its own.
    private const int MaxFallbackCharacters = 400;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "are", "was", "were", "with", "that", "this", "these", "those", "from", "you", "your",
        "not", "can", "its", "has", "have", "but", "all", "any", "when", "which", "into", "than", "then", "there",
        "will", "would", "also", "may", "how", "what", "does",
    };

    /// <summary>
    /// Returns the sentences of <paramref name="passageText"/> that best support <paramref name="claims"/>.
    /// </summary>
    public static IReadOnlyList<string> Select(string passageText, IEnumerable<string> claims)
    {
        var sentences = PassageQuotes.Sentences(passageText).ToList();
        if (sentences.Count == 0)
        {
            return [Shorten(passageText.Trim())];
        }

        var claimWords = claims.SelectMany(Words).ToHashSet(StringComparer.Ordinal);
        var scored = sentences
            .Select(sentence => (Sentence: sentence, Overlap: Words(sentence.Text).Distinct().Count(claimWords.Contains)))
            .ToList();

        // A sentence with less than half the best overlap shares only a word or two of the topic, not the claim.
        var floor = Math.Max(1, (scored.Max(candidate => candidate.Overlap) + 1) / 2);
        var chosen = scored
            .Where(candidate => candidate.Overlap >= floor)
            .OrderByDescending(candidate => candidate.Overlap)
            .ThenBy(candidate => candidate.Sentence.Offset)
            .Take(MaxQuoteSentences)
            .Select(candidate => candidate.Sentence)
            .OrderBy(sentence => sentence.Offset)
            .Select(sentence => sentence.Text)
            .ToList();
        return chosen.Count > 0 ? chosen : [sentences[0].Text];
    }

    private static IEnumerable<string> Words(string text) =>
        Word().Matches(text)
            .Select(match => match.Value.ToLowerInvariant())
            .Where(word => word.Length >= MinWordLength && !StopWords.Contains(word));

    private static string Shorten(string text)
    {
        if (text.Length <= MaxFallbackCharacters)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', MaxFallbackCharacters);
        return string.Concat(text.AsSpan(0, cut > 0 ? cut : MaxFallbackCharacters), "…");
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
