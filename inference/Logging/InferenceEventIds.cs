namespace VoiceHelper.Inference.Logging;

/// <summary>Event ids of the inference log messages, in ranges per engine.</summary>
internal static class InferenceEventIds
{
    // 3000-3099: embeddings.
    public const int EmbedderStarted = 3000;
    public const int EmbedderStopped = 3001;
    public const int TextsTruncated = 3002;
}
