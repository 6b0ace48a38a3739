using System.Globalization;

namespace VoiceHelper.Inference.Batching;

/// <summary>
/// An <see cref="EmbeddingBatcher"/> rejected a request without running it, because its queue was full or it was
/// stopping. Nothing was computed, so the caller can retry after <see cref="RetryAfter"/>.
/// </summary>
public sealed class EmbeddingRejectedException : Exception
{
    private EmbeddingRejectedException(string message, TimeSpan retryAfter)
        : base(message)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>How long the caller should wait before it retries.</summary>
    public TimeSpan RetryAfter { get; }

    /// <summary>Creates the exception for a request that does not fit into the queue.</summary>
    public static EmbeddingRejectedException QueueFull(
        int queuedTexts, int requestTexts, int maxQueuedTexts, TimeSpan retryAfter) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"The embedding queue is full: {queuedTexts} texts wait, and this request of {requestTexts} would pass " +
            $"the limit of {maxQueuedTexts} ({EmbeddingBatcherOptions.SectionName}:MaxQueuedTexts). " +
            $"Retry in {retryAfter.TotalSeconds:0.###} s."),
            retryAfter);

    /// <summary>Creates the exception for a request that arrived or waited while the batcher stopped.</summary>
    public static EmbeddingRejectedException Stopping(TimeSpan retryAfter) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"The embedding queue stopped before this request ran, because its silo is shutting down. " +
            $"Retry in {retryAfter.TotalSeconds:0.###} s, and another silo serves it."),
            retryAfter);
}
