namespace VoiceHelper.Inference.Embeddings;

/// <summary>Mean pooling of token embeddings followed by L2 normalization, as sentence-transformers does for MiniLM.</summary>
internal static class MeanPooling
{
    // The lower bounds of the mask count and the norm, as in sentence-transformers and torch.nn.functional.normalize.
    private const float MinTokenCount = 1e-9f;
    private const float MinNorm = 1e-12f;

    /// <summary>
    /// Averages the token vectors of one row of <paramref name="tokenEmbeddings"/> whose attention mask is 1 (padding
    /// does not count) and scales the mean to unit length.
    /// </summary>
    /// <param name="tokenEmbeddings">Model output, rows × <paramref name="sequenceLength"/> × <paramref name="dimensions"/>.</param>
    /// <param name="attentionMask">Attention mask, rows × <paramref name="sequenceLength"/>.</param>
    /// <param name="row">Row to pool.</param>
    /// <param name="sequenceLength">Tokens per row, padding included.</param>
    /// <param name="dimensions">Values per token vector.</param>
    public static float[] PoolRow(
        ReadOnlySpan<float> tokenEmbeddings, ReadOnlySpan<long> attentionMask, int row, int sequenceLength, int dimensions)
    {
        var sum = new double[dimensions];
        var tokenCount = 0L;
        for (var position = 0; position < sequenceLength; position++)
        {
            var mask = attentionMask[(row * sequenceLength) + position];
            if (mask == 0)
            {
                continue;
            }

            tokenCount += mask;
            var token = tokenEmbeddings.Slice(((row * sequenceLength) + position) * dimensions, dimensions);
            for (var i = 0; i < dimensions; i++)
            {
                sum[i] += token[i] * mask;
            }
        }

        return Normalize(sum, Math.Max(tokenCount, MinTokenCount));
    }

    private static float[] Normalize(double[] sum, double tokenCount)
    {
        var squares = 0.0;
        foreach (var value in sum)
        {
            squares += value / tokenCount * (value / tokenCount);
        }

        var scale = 1.0 / tokenCount / Math.Max(Math.Sqrt(squares), MinNorm);
        var vector = new float[sum.Length];
        for (var i = 0; i < sum.Length; i++)
        {
            vector[i] = (float)(sum[i] * scale);
        }

        return vector;
    }
}
