using Microsoft.ML.Tokenizers;

namespace VoiceHelper.Gateway.OpenAI;

/// <summary>
/// Counts tokens as OpenAI's GPT-4o-family models do, with the o200k_base encoding, so that <c>usage</c> and
/// <c>max_completion_tokens</c> mean what OpenAI clients expect. VoiceHelper's answers come from its own answerer,
/// not from a model with this vocabulary, so the counts measure the text rather than the work done.
/// </summary>
public sealed class TokenCounter
{
    // Loading the encoding takes a moment and some memory, so it waits for the first chat completion.
    private readonly Lazy<Tokenizer> _tokenizer = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    /// <summary>Returns the number of tokens of <paramref name="text"/>.</summary>
    public int Count(string text) => text.Length == 0 ? 0 : _tokenizer.Value.CountTokens(text);

    /// <summary>
    /// Returns the length of the longest start of <paramref name="text"/> that has at most
    /// <paramref name="maxTokens"/> tokens.
    /// </summary>
    public int PrefixLength(string text, int maxTokens) =>
        text.Length == 0 ? 0 : _tokenizer.Value.GetIndexByTokenCount(text, maxTokens, out _, out _);
}
