using Microsoft.Extensions.Logging;

namespace VoiceHelper.Inference.Logging;

internal static partial class InferenceLog
{
    [LoggerMessage(InferenceEventIds.EmbedderStarted, LogLevel.Information,
        "Embedding model loaded from {ModelFolder} on the {ExecutionProvider} execution provider in {ElapsedMilliseconds} ms, " +
        "checksums verified: {ChecksumsVerified}")]
    public static partial void EmbedderStarted(
        ILogger logger, string modelFolder, string executionProvider, long elapsedMilliseconds, bool checksumsVerified);

    [LoggerMessage(InferenceEventIds.EmbedderStopped, LogLevel.Information, "Embedding model from {ModelFolder} unloaded")]
    public static partial void EmbedderStopped(ILogger logger, string modelFolder);

    [LoggerMessage(InferenceEventIds.TextsTruncated, LogLevel.Debug,
        "{TruncatedCount} of {TextCount} texts exceeded {MaxSequenceLength} tokens, so only their first tokens were embedded")]
    public static partial void TextsTruncated(ILogger logger, int truncatedCount, int textCount, int maxSequenceLength);

    [LoggerMessage(InferenceEventIds.BatcherStarted, LogLevel.Information,
        "Embedding batcher started: at most {MaxBatchSize} texts per batch, {MaxConcurrentBatches} batches at once, " +
        "{MaxQueuedTexts} waiting texts, {MaxDelayMilliseconds} ms maximum delay")]
    public static partial void BatcherStarted(
        ILogger logger, int maxBatchSize, int maxConcurrentBatches, int maxQueuedTexts, double maxDelayMilliseconds);

    [LoggerMessage(InferenceEventIds.BatcherStopped, LogLevel.Information,
        "Embedding batcher stopped and rejected {RequestCount} waiting requests")]
    public static partial void BatcherStopped(ILogger logger, int requestCount);

    [LoggerMessage(InferenceEventIds.EmbeddingQueueFull, LogLevel.Warning,
        "Embedding queue is full with {QueuedTexts} waiting texts (at most {MaxQueuedTexts}); rejecting requests until it has room")]
    public static partial void EmbeddingQueueFull(ILogger logger, int queuedTexts, int maxQueuedTexts);

    [LoggerMessage(InferenceEventIds.EmbeddingQueueDrained, LogLevel.Information,
        "Embedding queue accepts requests again after rejecting {RejectedCount}")]
    public static partial void EmbeddingQueueDrained(ILogger logger, long rejectedCount);

    [LoggerMessage(InferenceEventIds.EmbeddingBatchFailed, LogLevel.Error,
        "Embedding batch of {TextCount} texts from {RequestCount} requests failed")]
    public static partial void EmbeddingBatchFailed(ILogger logger, int textCount, int requestCount, Exception exception);
}
