namespace VoiceHelper.Grains.Knowledge;

/// <summary>
/// Sentence embeddings as a stateless worker, so that every silo runs its own copies next to the callers.
/// </summary>
[Alias("VoiceHelper.IEmbeddingGrain")]
public interface IEmbeddingGrain : IGrainWithIntegerKey
{
    /// <summary>Returns one unit-length vector per text, in order.</summary>
    [Alias("Embed")]
    Task<float[][]> EmbedAsync(string[] texts);
}
