namespace VoiceHelper.Grains.Inference;

/// <summary>
/// An inference grain rejected a request without running it, because the model's queue on its silo was full or the
/// silo was shutting down. Nothing was computed, so the caller can retry after <see cref="RetryAfter"/>.
/// </summary>
[GenerateSerializer, Alias("VoiceHelper.InferenceBusyException")]
public sealed class InferenceBusyException : Exception
{
    public InferenceBusyException(string message, TimeSpan retryAfter)
        : base(message)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>How long the caller should wait before it retries.</summary>
    [Id(0)]
    public TimeSpan RetryAfter { get; }
}
