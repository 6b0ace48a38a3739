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

    /// <summary>Returns the quotable sentences of <paramref name="text"/>, trimmed, with their start offsets.</summary>
    public static IEnumerable<PassageSentence> Sentences(string text)
    {
        foreach (var range in SentenceSplitter.Split(text))
        {
            var sentence = text[range].Trim();
            if (sentence.Length >= MinSentenceLength)
            {
                yield return new PassageSentence(range.Start.GetOffset(text.Length), sentence);
            }
        }
    }

    /// <summary>Returns the source of <paramref name="passage"/> whose quote is <paramref name="sentences"/> joined by spaces.</summary>
    public static AnswerSource Cite(AnswerPassage passage, IEnumerable<string> sentences) =>
        new(passage.DocumentId, passage.Title, passage.Heading, passage.Page, string.Join(" ", sentences));
}

/// <summary>A quotable sentence and its start offset in the passage text.</summary>
internal readonly record struct PassageSentence(int Offset, string Text);
