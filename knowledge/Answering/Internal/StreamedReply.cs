using System.Text;
using VoiceHelper.Knowledge.Chunking.Internal;

namespace VoiceHelper.Knowledge.Answering.Internal;

/// <summary>
/// Turns a model's reply, which arrives in pieces, into answer text that can be shown before the reply ends.
/// </summary>
/// <remarks>
/// Text is released one whole sentence at a time, and only once the reply has cited a passage in range, because
/// <see cref="ReplyParser"/> turns a reply that declines or cites nothing into no answer at all. Whole sentences
/// also keep a citation marker split between two pieces, such as <c>[</c> and <c>2]</c>, out of the released text.
/// The released text is always a prefix of <see cref="ReplyParser"/>'s text for the reply so far.
/// </remarks>
internal sealed class StreamedReply(int passageCount)
{
    private readonly StringBuilder _raw = new();
    private string _released = string.Empty;
    private int _sentenceCount;
    private bool _stopped;

    /// <summary>The reply received so far, unchanged.</summary>
    public string Raw => _raw.ToString();

    /// <summary>Appends a piece of the reply and returns the answer text that it lets out, often none.</summary>
    public string Append(string piece)
    {
        _raw.Append(piece);
        if (_stopped || piece.Length == 0 || ReplyParser.TextAfterThinking(Raw) is not { } visible)
        {
            return string.Empty;
        }

        // The last sentence may still be growing, so only the sentences before it are complete.
        var sentences = SentenceSplitter.Split(visible);
        if (sentences.Count < 2 || sentences.Count == _sentenceCount)
        {
            return string.Empty;
        }

        _sentenceCount = sentences.Count;
        var complete = visible[..sentences[^1].Start.GetOffset(visible.Length)];
        var parsed = ReplyParser.Parse(complete, passageCount);
        if (parsed.Declined)
        {
            _stopped = true;
            return string.Empty;
        }

        return parsed.CitedPassages.Count == 0 ? string.Empty : Release(parsed.Text);
    }

    /// <summary>
    /// Returns the text of <paramref name="answer"/>, the answer made from the whole reply, that was not released
    /// yet.
    /// </summary>
    /// <remarks>
    /// NOTE: when text was released and the whole reply then turned out to decline, which a model that writes
    /// the no-answer signal after an answer does, the released text is not part of the final answer, and this
    /// returns nothing. The final answer's text is then the one to keep.
    /// </remarks>
    public string Finish(GroundedAnswer answer)
    {
        _stopped = true;
        return answer.Text.StartsWith(_released, StringComparison.Ordinal) ? answer.Text[_released.Length..] : string.Empty;
    }

    private string Release(string text)
    {
        if (!text.StartsWith(_released, StringComparison.Ordinal))
        {
            _stopped = true;
            return string.Empty;
        }

        var delta = text[_released.Length..];
        _released = text;
        return delta;
    }
}
