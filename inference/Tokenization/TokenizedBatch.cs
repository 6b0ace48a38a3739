namespace VoiceHelper.Inference.Tokenization;

/// <summary>
/// Model inputs for a batch of texts: token ids, attention mask and token type ids, each a row-major matrix of
/// <see cref="Count"/> rows padded with [PAD] to <see cref="SequenceLength"/>, the length of the longest text.
/// </summary>
public sealed class TokenizedBatch
{
    private TokenizedBatch(int count, int sequenceLength, long[] inputIds, long[] attentionMask, long[] tokenTypeIds)
    {
        Count = count;
        SequenceLength = sequenceLength;
        InputIdArray = inputIds;
        AttentionMaskArray = attentionMask;
        TokenTypeIdArray = tokenTypeIds;
    }

    /// <summary>Number of texts (rows).</summary>
    public int Count { get; }

    /// <summary>Tokens per row after padding.</summary>
    public int SequenceLength { get; }

    /// <summary>Token ids, <see cref="Count"/> × <see cref="SequenceLength"/>.</summary>
    public ReadOnlySpan<long> InputIds => InputIdArray;

    /// <summary>1 for a token of the text, 0 for padding.</summary>
    public ReadOnlySpan<long> AttentionMask => AttentionMaskArray;

    /// <summary>All 0: every row is a single segment.</summary>
    public ReadOnlySpan<long> TokenTypeIds => TokenTypeIdArray;

    internal long[] InputIdArray { get; }

    internal long[] AttentionMaskArray { get; }

    internal long[] TokenTypeIdArray { get; }

    /// <summary>Pads <paramref name="texts"/> to the longest of them.</summary>
    /// <param name="texts">Tokenized texts, at least one.</param>
    /// <param name="paddingTokenId">Id of [PAD].</param>
    public static TokenizedBatch Create(IReadOnlyList<TokenizedText> texts, int paddingTokenId)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfZero(texts.Count);
        var sequenceLength = texts.Max(text => text.Ids.Count);
        var inputIds = new long[texts.Count * sequenceLength];
        var attentionMask = new long[inputIds.Length];
        inputIds.AsSpan().Fill(paddingTokenId);
        for (var row = 0; row < texts.Count; row++)
        {
            var ids = texts[row].Ids;
            var offset = row * sequenceLength;
            for (var column = 0; column < ids.Count; column++)
            {
                inputIds[offset + column] = ids[column];
                attentionMask[offset + column] = 1;
            }
        }

        return new TokenizedBatch(texts.Count, sequenceLength, inputIds, attentionMask, new long[inputIds.Length]);
    }
}
