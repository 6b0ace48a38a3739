using VoiceHelper.Inference.Embeddings;
using VoiceHelper.Inference.Models;

namespace VoiceHelper.Grains.Knowledge;

/// <summary>
/// An <see cref="ITextEmbedder"/> for code inside the silo that embeds through the <see cref="EmbeddingGrainPool"/>
/// instead of the silo's own model, so that its texts follow the accelerator placement and share the batch queue
/// with search and ingestion. The extractive answerer embeds the sentences of every answer this way.
/// </summary>
public sealed class PooledTextEmbedder(EmbeddingGrainPool embedders) : ITextEmbedder
{
    public int Dimensions => MiniLmModel.Dimensions;

    /// <remarks>
    /// A grain call cannot be withdrawn, so <paramref name="cancellationToken"/> only stops the wait: the model run
    /// still finishes and its result is dropped.
    /// </remarks>
    public async Task<IReadOnlyList<float[]>> EmbedAsync(
        IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0 || texts.Any(text => text is null))
        {
            throw new ArgumentException("Pass at least one text and no null texts.", nameof(texts));
        }

        return await embedders.Next().EmbedAsync([.. texts]).WaitAsync(cancellationToken);
    }
}
