namespace VoiceHelper.Grains.Voice;

/// <summary>
/// Turns an engine's partial transcripts of one user turn into transcription deltas. Realtime clients append each
/// delta to the text they have, so a delta can only add words, while the engine revises its latest words as it
/// hears more. A word is therefore sent only once two partials in a row agree on it and on every word before it.
/// A word already sent that the engine revises later stays sent, and the completed transcript replaces it.
/// </summary>
internal sealed class PartialTranscript
{
    private readonly List<string> _sent = [];
    private string[] _previous = [];

    /// <summary>The words sent so far, joined by spaces.</summary>
    public string Sent => string.Join(' ', _sent);

    /// <summary>
    /// Returns the text to append for the next partial transcript, with a leading space after the first delta, or
    /// null when the partial adds no stable word to those sent.
    /// </summary>
    public string? Next(string partial)
    {
        ArgumentNullException.ThrowIfNull(partial);
        var words = partial.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var stable = CommonPrefixLength(_previous, words);
        _previous = words;
        if (stable <= _sent.Count || !StartsWithSent(words))
        {
            return null;
        }

        var added = words[_sent.Count..stable];
        var delta = (_sent.Count == 0 ? string.Empty : " ") + string.Join(' ', added);
        _sent.AddRange(added);
        return delta;
    }

    private bool StartsWithSent(string[] words)
    {
        for (var i = 0; i < _sent.Count; i++)
        {
            if (words[i] != _sent[i])
            {
                return false;
            }
        }

        return true;
    }

    private static int CommonPrefixLength(string[] first, string[] second)
    {
        var length = 0;
        while (length < first.Length && length < second.Length && first[length] == second[length])
        {
            length++;
        }

        return length;
    }
}
