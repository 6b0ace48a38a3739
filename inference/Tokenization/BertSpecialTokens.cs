namespace VoiceHelper.Inference.Tokenization;

/// <summary>The special tokens of the BERT vocabulary, which text may contain literally.</summary>
/// <remarks>
/// Hugging Face tokenizers match these in the raw text before normalizing it, so "[SEP]" written in a document becomes
/// the separator token rather than the pieces "[", "sep" and "]". The match is case-sensitive.
/// </remarks>
internal static class BertSpecialTokens
{
    public const string Classification = "[CLS]";
    public const string Separator = "[SEP]";
    public const string Padding = "[PAD]";
    public const string Mask = "[MASK]";
    public const string Unknown = "[UNK]";

    private static readonly string[] All = [Classification, Separator, Padding, Mask, Unknown];

    /// <summary>Returns the length of the special token that <paramref name="text"/> starts with, or 0 if it starts with none.</summary>
    public static int MatchLength(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || text[0] != '[')
        {
            return 0;
        }

        foreach (var token in All)
        {
            if (text.StartsWith(token, StringComparison.Ordinal))
            {
                return token.Length;
            }
        }

        return 0;
    }
}
