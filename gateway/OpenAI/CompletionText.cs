using System.Text;

namespace VoiceHelper.Gateway.OpenAI;

/// <summary>
/// The content of one chat completion as it is sent, cut at the request's token limit. Pieces arrive one at a time
/// (answer deltas, then the sources footer); each call returns the part of the piece that still fits.
/// </summary>
internal sealed class CompletionText(TokenCounter tokens, int? maxTokens)
{
    private readonly StringBuilder _text = new();

    /// <summary>Whether the token limit cut the content, which makes the finish reason <c>length</c>.</summary>
    public bool Truncated { get; private set; }

    public string Text => _text.ToString();

    /// <summary>Appends as much of <paramref name="piece"/> as the token limit allows and returns that part.</summary>
    public string Append(string piece)
    {
        if (Truncated || piece.Length == 0)
        {
            return string.Empty;
        }

        if (maxTokens is not { } limit)
        {
            _text.Append(piece);
            return piece;
        }

        // Tokens can span the boundary between pieces, so the whole text is counted again rather than the piece.
        var sent = _text.Length;
        var combined = _text.Append(piece).ToString();
        var fits = tokens.PrefixLength(combined, limit);
        if (fits >= combined.Length)
        {
            return piece;
        }

        Truncated = true;
        _text.Length = Math.Max(fits, sent);
        return combined[sent.._text.Length];
    }

    /// <summary>Returns the number of tokens of the content sent.</summary>
    public int CountTokens() => tokens.Count(_text.ToString());
}
