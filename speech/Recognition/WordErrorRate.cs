namespace VoiceHelper.Speech.Recognition;

/// <summary>
/// Word error rate: the word-level edit distance (substitutions, deletions, insertions) between a hypothesis and a
/// reference, divided by the reference's word count. Words are compared in lower case without punctuation.
/// </summary>
public static class WordErrorRate
{
    /// <summary>Returns the word errors of <paramref name="hypothesis"/> and the reference's word count.</summary>
    public static (int Errors, int ReferenceWords) Count(string reference, string hypothesis)
    {
        var expected = Words(reference);
        var actual = Words(hypothesis);
        var previous = new int[actual.Length + 1];
        var current = new int[actual.Length + 1];
        for (var j = 0; j <= actual.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= expected.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= actual.Length; j++)
            {
                var substitution = previous[j - 1] + (expected[i - 1] == actual[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return (previous[actual.Length], expected.Length);
    }

    /// <summary>Returns the word error rate of one hypothesis; 0 for an empty reference and hypothesis.</summary>
    public static double Compute(string reference, string hypothesis)
    {
        var (errors, words) = Count(reference, hypothesis);
        if (words == 0)
        {
            return errors == 0 ? 0 : 1;
        }

        return errors / (double)words;
    }

    /// <summary>Splits text into lower-case words, dropping punctuation other than apostrophes inside words.</summary>
    public static string[] Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cleaned = new string([.. text.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) || c == '\'' ? c : ' ')]);
        return cleaned.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }
}
