using Orleans.Concurrency;
using VoiceHelper.Inference.Embeddings;

namespace VoiceHelper.Grains.Knowledge;

/// <summary>
/// Runs the silo's sentence embedder. As a stateless worker it has local copies on every silo, up to one per core,
/// which all share the one thread-safe ONNX Runtime session of <see cref="ITextEmbedder"/>.
/// </summary>
[StatelessWorker]
public sealed class EmbeddingGrain(ITextEmbedder embedder) : Grain, IEmbeddingGrain
{
    public async Task<float[][]> EmbedAsync(string[] texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        // Inference is CPU-bound; the thread pool keeps it off the grain scheduler's threads.
        var vectors = await Task.Run(() => embedder.EmbedAsync(texts));
        return [.. vectors];
    }
}
