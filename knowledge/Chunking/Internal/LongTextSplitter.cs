namespace VoiceHelper.Knowledge.Chunking.Internal;

/// <summary>
/// Splits a sentence or line that alone is longer than a chunk may be: at the last whitespace that fits,
/// or, in text without spaces, at the limit itself (never between the two halves of a surrogate pair).
/// </summary>
internal static class LongTextSplitter
{
    public static IEnumerable<Range> Split(string text, int start, int end, int maxLength)
    {
        while (end - start > maxLength)
        {
            var cut = LastWhitespace(text, start, start + maxLength);
            if (cut <= start)
            {
                cut = start + maxLength;
                if (char.IsLowSurrogate(text[cut]))
                {
                    cut--;
                }
            }

            yield return start..TrimEnd(text, start, cut);
            start = SkipWhitespace(text, cut, end);
        }

        if (start < end)
        {
            yield return start..end;
        }
    }

    // The index of the last whitespace character in (start, limit], so that text[start..index] fits.
    private static int LastWhitespace(string text, int start, int limit)
    {
        for (var i = limit; i > start; i--)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                return i;
            }
        }

        return start;
    }

    private static int TrimEnd(string text, int start, int end)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return end;
    }

    private static int SkipWhitespace(string text, int index, int end)
    {
        while (index < end && char.IsWhiteSpace(text[index]))
        {
            index++;
        }

        return index;
    }
}
