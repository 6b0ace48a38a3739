namespace VoiceHelper.Inference.Tokenization;

/// <summary>The token ids of one text, starting with [CLS] and ending with [SEP].</summary>
/// <param name="Ids">Vocabulary ids, at most the tokenizer's maximum sequence length.</param>
/// <param name="IsTruncated">Whether the text had more tokens than fit and the rest was dropped.</param>
public sealed record TokenizedText(IReadOnlyList<int> Ids, bool IsTruncated);
