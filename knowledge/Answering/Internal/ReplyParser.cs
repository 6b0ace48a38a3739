using System.Text.RegularExpressions;
using VoiceHelper.Knowledge.Chunking.Internal;

namespace VoiceHelper.Knowledge.Answering.Internal;

/// <summary>
/// Reads the citation markers out of a reply to <see cref="AnswerPrompt"/>. A marker is a bracketed list of passage
/// numbers and ranges, such as <c>[1]</c>, <c>[1, 3]</c> or <c>[2-4]</c>. A sentence that holds only markers, as in
/// "... the end. [2]", lends them to the sentence before it.
/// </summary>
internal static partial class ReplyParser
{
    // A model that cites [1-1000] cites nothing useful; a wide range is ignored rather than expanded.
    private const int MaxRangeLength = 100;

    /// <summary>
    /// Parses <paramref name="reply"/>, whose markers refer to passages 1 to <paramref name="passageCount"/>.
    /// </summary>
    public static ModelReply Parse(string reply, int passageCount)
    {
        var text = ThinkingBlock().Replace(reply, string.Empty).Trim();
        if (text.Contains(AnswerPrompt.NoAnswerSignal, StringComparison.OrdinalIgnoreCase))
        {
            return ModelReply.NoAnswer;
        }

        var claims = new List<(int Passage, string Claim)>();
        var outOfRange = new List<int>();
        string? previousClaim = null;
        foreach (var range in SentenceSplitter.Split(text))
        {
            var sentence = text[range];
            var claim = StripMarkers(sentence);
            var target = claim.Length > 0 ? claim : previousClaim;
            foreach (var number in CitedNumbers(sentence))
            {
                if (number < 1 || number > passageCount)
                {
                    outOfRange.Add(number);
                }
                else if (target is not null)
                {
                    claims.Add((number - 1, target));
                }
            }

            previousClaim = target;
        }

        return new ModelReply(
            StripMarkers(text),
            false,
            claims.Select(claim => claim.Passage).Distinct().ToList(),
            claims.Distinct().ToLookup(claim => claim.Passage, claim => claim.Claim),
            outOfRange.Distinct().ToList());
    }

    /// <summary>
    /// Returns the part of a reply, or of the start of one, that follows a leading <c>&lt;think&gt;</c> block, or
    /// null while that block is still open.
    /// </summary>
    public static string? TextAfterThinking(string reply)
    {
        var withoutBlock = ThinkingBlock().Replace(reply, string.Empty);
        return withoutBlock.TrimStart().StartsWith("<think>", StringComparison.Ordinal) ? null : withoutBlock;
    }

    private static IEnumerable<int> CitedNumbers(string sentence)
    {
        foreach (Match marker in Marker().Matches(sentence))
        {
            foreach (Match item in MarkerItem().Matches(marker.Value))
            {
                var first = int.Parse(item.Groups["first"].ValueSpan);
                var last = item.Groups["last"].Success ? int.Parse(item.Groups["last"].ValueSpan) : first;
                if (last < first || last - first >= MaxRangeLength)
                {
                    continue;
                }

                for (var number = first; number <= last; number++)
                {
                    yield return number;
                }
            }
        }
    }

    // Removes the markers and the blanks that they leave before punctuation and between words.
    private static string StripMarkers(string text)
    {
        var stripped = Marker().Replace(text, string.Empty);
        stripped = BlanksBeforePunctuation().Replace(stripped, string.Empty);
        return RepeatedBlanks().Replace(stripped, " ").Trim();
    }

    [GeneratedRegex(@"\[\s*\d{1,4}(?:\s*[-–]\s*\d{1,4})?(?:\s*[,;]\s*\d{1,4}(?:\s*[-–]\s*\d{1,4})?)*\s*\]")]
    private static partial Regex Marker();

    [GeneratedRegex(@"(?<first>\d{1,4})(?:\s*[-–]\s*(?<last>\d{1,4}))?")]
    private static partial Regex MarkerItem();

    // Reasoning models served by Ollama or llama.cpp may put their reasoning before the answer in <think> tags.
    [GeneratedRegex(@"^\s*<think>.*?</think>", RegexOptions.Singleline)]
    private static partial Regex ThinkingBlock();

    [GeneratedRegex(@"[ \t]+(?=[.,;:!?)]|$)", RegexOptions.Multiline)]
    private static partial Regex BlanksBeforePunctuation();

    [GeneratedRegex(@"[ \t]{2,}")]
    private static partial Regex RepeatedBlanks();
}
