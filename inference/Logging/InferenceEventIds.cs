namespace VoiceHelper.Inference.Logging;

/// <summary>Event ids of the inference log messages, in ranges per engine.</summary>
internal static class InferenceEventIds
{
    // 3000-3099: embeddings.
    public const int EmbedderStarted = 3000;
    public const int EmbedderStopped = 3001;
    public const int TextsTruncated = 3002;

    // 3010-3029: embedding batching.
    public const int BatcherStarted = 3010;
    public const int BatcherStopped = 3011;
    public const int EmbeddingQueueFull = 3012;
    public const int EmbeddingQueueDrained = 3013;
    public const int EmbeddingBatchFailed = 3014;
}
