using VoiceHelper.Knowledge.Chunking.Internal;

namespace VoiceHelper.Knowledge.Answering.Internal;

/// <summary>
/// Splits passages into the sentences that answerers may quote, and builds the cited source of a passage from
/// quoted sentences. Every answerer quotes the same way, so a source reads alike whichever answerer wrote it.
/// </summary>
internal static class PassageQuotes
{
    /// <summary>Sentences shorter than this many characters (list markers, stray headings) are never quoted.</summary>
    public const int MinSentenceLength = 20;

    private const string ParagraphBreak = "\n\n";

    /// <summary>
    /// Returns the quotable sentences of <paramref name="text"/>, trimmed, with their start offsets. A blank line
    /// also ends a sentence, so a chunk's leading heading is not quoted as part of its first sentence.
    /// </summary>
    public static IEnumerable<PassageSentence> Sentences(string text)
    {
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf(ParagraphBreak, start, StringComparison.Ordinal);
            end = end < 0 ? text.Length : end;
            var paragraph = text[start..end];
            foreach (var range in SentenceSplitter.Split(paragraph))
            {
                var sentence = paragraph[range].Trim();
                if (sentence.Length >= MinSentenceLength)
                {
                    yield return new PassageSentence(start + range.Start.GetOffset(paragraph.Length), sentence);
                }
            }

            start = end + ParagraphBreak.Length;
        }
    }

    /// <summary>
    /// Returns the source of <paramref name="passage"/> whose quote is <paramref name="sentences"/> joined by spaces.
    /// </summary>
    public static AnswerSource Cite(AnswerPassage passage, IEnumerable<string> sentences) =>
        new(passage.DocumentId, passage.Title, passage.Heading, passage.Page, string.Join(" ", sentences));
}

/// <summary>A quotable sentence and its start offset in the passage text.</summary>
internal readonly record struct PassageSentence(int Offset, string Text);
