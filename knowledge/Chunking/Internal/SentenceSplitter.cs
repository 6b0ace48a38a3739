namespace VoiceHelper.Knowledge.Chunking.Internal;

/// <summary>
/// Finds sentence boundaries in prose. A sentence ends at <c>.</c>, <c>!</c>, <c>?</c> or <c>…</c> (with any
/// closing quotes and brackets) followed by whitespace and a character that is not a lower-case letter, or
/// right after the CJK full stops <c>。！？</c>. Abbreviations such as "e.g." and "i.e.", initials, list
/// numbers and decimals such as "15.4" do not end a sentence.
/// </summary>
internal static class SentenceSplitter
{
    // Abbreviations that are followed by more of the same sentence; "etc." is left out because it often ends one.
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "e.g", "i.e", "cf", "vs", "viz", "approx", "ca", "incl", "esp", "resp", "al", "fig", "figs", "no", "nos",
        "nr", "vol", "vols", "p", "pp", "ch", "sec", "sect", "eq", "ed", "eds", "dr", "mr", "mrs", "ms", "prof",
        "st", "jr", "sr", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    };

    /// <summary>Returns the ranges of the sentences in <paramref name="text"/>, without surrounding whitespace.</summary>
    public static List<Range> Split(string text)
    {
        var sentences = new List<Range>();
        var start = SkipWhitespace(text, 0);
        var i = start;
        while (i < text.Length)
        {
            var end = BoundaryAfter(text, start, i);
            if (end < 0)
            {
                i++;
                continue;
            }

            sentences.Add(start..end);
            start = SkipWhitespace(text, end);
            i = start;
        }

        if (start < text.Length)
        {
            sentences.Add(start..TrimEnd(text, text.Length));
        }

        return sentences;
    }

    // Returns the end of a sentence that ends with the terminator at index, or -1 when there is none.
    private static int BoundaryAfter(string text, int sentenceStart, int index)
    {
        var c = text[index];
        if (c is '。' or '！' or '？')
        {
            return SkipClosers(text, index + 1);
        }

        if (c is not ('.' or '!' or '?' or '…'))
        {
            return -1;
        }

        var end = index + 1;
        while (end < text.Length && text[end] is '.' or '!' or '?' or '…')
        {
            end++;
        }

        end = SkipClosers(text, end);
        if (end < text.Length && !char.IsWhiteSpace(text[end]))
        {
            return -1;
        }

        var next = SkipWhitespace(text, end);
        if (next < text.Length && char.IsLower(text[next]))
        {
            return -1;
        }

        return c == '.' && end == index + 1 && IsNonTerminalPeriod(text, sentenceStart, index) ? -1 : end;
    }

    // A period after an abbreviation, an initial or a list number at the start of the sentence.
    private static bool IsNonTerminalPeriod(string text, int sentenceStart, int period)
    {
        var wordStart = period;
        while (wordStart > sentenceStart && !char.IsWhiteSpace(text[wordStart - 1]) && text[wordStart - 1] is not ('(' or '['))
        {
            wordStart--;
        }

        var word = text[wordStart..period];
        if (word.Length == 0)
        {
            return false;
        }

        var isInitial = word.Length == 1 && char.IsUpper(word[0]);
        var isListNumber = wordStart == sentenceStart && (word.All(char.IsAsciiDigit) || (word.Length == 1 && char.IsLetter(word[0])));
        return isInitial || isListNumber || Abbreviations.Contains(word);
    }

    private static int SkipClosers(string text, int index)
    {
        while (index < text.Length && text[index] is '"' or '\'' or ')' or ']' or '}' or '”' or '’' or '»' or '」' or '』' or '）')
        {
            index++;
        }

        return index;
    }

    private static int SkipWhitespace(string text, int index)
    {
        while (index < text.Length && char.IsWhiteSpace(text[index]))
        {
            index++;
        }

        return index;
    }

    private static int TrimEnd(string text, int end)
    {
        while (end > 0 && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return end;
    }
}
