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
}
