namespace VoiceHelper.Grains.Knowledge;

/// <summary>
/// Sentence embeddings with all-MiniLM-L6-v2. The grain is placed on silos that advertise an accelerator, and callers
/// spread their requests over a small pool of keys (<c>EmbeddingGrainPool</c> in the silo), so that the requests of
/// many callers meet in the batch queue of the silos that run the model.
/// </summary>
/// <remarks>
/// Both methods throw <see cref="Inference.InferenceBusyException"/> when the model's queue is full, and
/// <see cref="Inference.AcceleratorUnavailableException"/> when no silo may run the grain.
/// </remarks>
[Alias("VoiceHelper.IEmbeddingGrain")]
public interface IEmbeddingGrain : IGrainWithIntegerKey
{
    /// <summary>Returns one unit-length vector per text, in order, ahead of waiting passage requests.</summary>
    [Alias("Embed")]
    Task<float[][]> EmbedAsync(string[] texts);

    /// <summary>
    /// Returns one unit-length vector per text, in order, as background work: queries that wait at the same time go
    /// first.
    /// </summary>
    [Alias("EmbedPassages")]
    Task<float[][]> EmbedPassagesAsync(string[] texts);
}
