namespace VoiceHelper.Inference.Embeddings;

/// <summary>Turns texts into fixed-length embedding vectors for semantic search.</summary>
public interface ITextEmbedder
{
    /// <summary>Length of every vector that <see cref="EmbedAsync"/> returns.</summary>
    int Dimensions { get; }

    /// <summary>Embeds <paramref name="texts"/> and returns one L2-normalized vector per text, in input order.</summary>
    /// <param name="texts">One or more texts. None may be null, but an empty text is allowed.</param>
    /// <param name="cancellationToken">Cancels the work, including a model run in progress.</param>
    /// <exception cref="ArgumentNullException"><paramref name="texts"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="texts"/> is empty or contains null.</exception>
    Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
