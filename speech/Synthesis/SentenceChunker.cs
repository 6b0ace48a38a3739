using System.Text;

namespace VoiceHelper.Speech.Synthesis;

/// <summary>
/// Cuts text that arrives in pieces, such as the deltas of a streamed answer, into sentences as soon as each one is
/// complete, so that speech can start before the whole text is known. A sentence ends at <c>.</c>, <c>!</c>,
/// <c>?</c> or <c>…</c> (with closing quotes and brackets) once whitespace follows, at <c>。！？</c> at once, and at
/// a blank line. Common abbreviations ("Mr.", "e.g."), initials and decimals such as "3.14" do not end one. A
/// sentence longer than <see cref="MaxSentenceLength"/> is cut at its last comma or space before the limit. Not
/// thread-safe.
/// </summary>
public sealed class SentenceChunker
{
    /// <summary>The default of <see cref="MaxSentenceLength"/>.</summary>
    public const int DefaultMaxSentenceLength = 300;

    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "etc", "e.g", "i.e", "cf", "no", "fig", "approx", "inc", "ltd",
    };

    private readonly StringBuilder _buffer = new();
    private int _scanned;

    /// <summary>Creates a chunker.</summary>
    /// <param name="maxSentenceLength">The longest sentence before a forced cut, at least 20 characters.</param>
    public SentenceChunker(int maxSentenceLength = DefaultMaxSentenceLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSentenceLength, 20);
        MaxSentenceLength = maxSentenceLength;
    }

    /// <summary>The longest sentence that is returned uncut.</summary>
    public int MaxSentenceLength { get; }

    /// <summary>Adds the next piece of text and returns the sentences it completes, trimmed, in order.</summary>
    public IReadOnlyList<string> Append(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _buffer.Append(text);
        var sentences = new List<string>();
        while (TryTakeSentence(out var sentence))
        {
            if (sentence.Length > 0)
            {
                sentences.Add(sentence);
            }
        }

        return sentences;
    }

    /// <summary>Returns the rest of the text as a last sentence, or null when only whitespace is left, and clears the chunker.</summary>
    public string? Complete()
    {
        var rest = _buffer.ToString().Trim();
        _buffer.Clear();
        _scanned = 0;
        return rest.Length == 0 ? null : rest;
    }

    /// <summary>Splits a whole text into sentences by the same rules.</summary>
    public static IReadOnlyList<string> Split(string text, int maxSentenceLength = DefaultMaxSentenceLength)
    {
        var chunker = new SentenceChunker(maxSentenceLength);
        var sentences = new List<string>(chunker.Append(text));
        if (chunker.Complete() is { } last)
        {
            sentences.Add(last);
        }

        return sentences;
    }

    private bool TryTakeSentence(out string sentence)
    {
        var end = FindBoundary();
        if (end < 0 && _buffer.Length > MaxSentenceLength)
        {
            end = FindForcedCut();
        }

        if (end < 0)
        {
            sentence = string.Empty;
            return false;
        }

        sentence = _buffer.ToString(0, end).Trim();
        _buffer.Remove(0, end);
        _scanned = 0;
        return true;
    }

    // Returns the end of the first complete sentence, or -1. Positions before _scanned were rejected before and
    // cannot change, because a decision needs at most the character after the closers.
    private int FindBoundary()
    {
        for (var i = _scanned; i < _buffer.Length; i++)
        {
            var c = _buffer[i];
            if (c is '。' or '！' or '？')
            {
                return SkipClosers(i + 1);
            }

            if (c == '\n' && i + 1 < _buffer.Length && _buffer[i + 1] == '\n')
            {
                return i + 2;
            }

            if (c is '.' or '!' or '?' or '…')
            {
                var end = SkipClosers(SkipRepeats(i + 1));
                if (end >= _buffer.Length)
                {
                    // The next character decides; wait for it.
                    _scanned = i;
                    return -1;
                }

                if (char.IsWhiteSpace(_buffer[end]) && !(c == '.' && IsAbbreviation(i)))
                {
                    return end;
                }

                i = end - 1;
            }
        }

        _scanned = _buffer.Length;
        return -1;
    }

    private int FindForcedCut()
    {
        for (var i = MaxSentenceLength - 1; i > MaxSentenceLength / 2; i--)
        {
            if (_buffer[i] is ',' or ';' or ':' or '、' or '，')
            {
                return i + 1;
            }
        }

        for (var i = MaxSentenceLength - 1; i > 0; i--)
        {
            if (char.IsWhiteSpace(_buffer[i]))
            {
                return i;
            }
        }

        return MaxSentenceLength;
    }

    private bool IsAbbreviation(int period)
    {
        var start = period;
        while (start > 0 && !char.IsWhiteSpace(_buffer[start - 1]) && _buffer[start - 1] is not ('(' or '"'))
        {
            start--;
        }

        var word = _buffer.ToString(start, period - start);
        var isInitial = word.Length == 1 && char.IsUpper(word[0]);
        return isInitial || Abbreviations.Contains(word);
    }

    private int SkipRepeats(int index)
    {
        while (index < _buffer.Length && _buffer[index] is '.' or '!' or '?' or '…')
        {
            index++;
        }

        return index;
    }

    private int SkipClosers(int index)
    {
        while (index < _buffer.Length && _buffer[index] is '"' or '\'' or ')' or ']' or '”' or '’' or '»' or '」' or '）')
        {
            index++;
        }

        return index;
    }
}
