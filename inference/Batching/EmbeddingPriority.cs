namespace VoiceHelper.Inference.Batching;

/// <summary>Which waiting requests an <see cref="EmbeddingBatcher"/> serves first.</summary>
public enum EmbeddingPriority
{
    /// <summary>A request that someone waits for, such as the query of a search or a conversation turn.</summary>
    Interactive,

    /// <summary>
    /// A request of background work, such as the passages of a document being ingested. It runs after the interactive
    /// requests that wait with it, except that at least every fifth batch starts with the oldest waiting bulk request.
    /// </summary>
    Bulk,
}
