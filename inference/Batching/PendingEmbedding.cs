using System.Diagnostics;

namespace VoiceHelper.Inference.Batching;

/// <summary>A request, or one part of a request that was larger than a batch, waiting in a <see cref="BatchQueue"/>.</summary>
internal sealed class PendingEmbedding(IReadOnlyList<string> texts, EmbeddingPriority priority)
{
    public IReadOnlyList<string> Texts { get; } = texts;

    public EmbeddingPriority Priority { get; } = priority;

    /// <summary>The <see cref="Stopwatch"/> timestamp at which the request entered the queue.</summary>
    public long EnqueuedAt { get; } = Stopwatch.GetTimestamp();

    public TaskCompletionSource<IReadOnlyList<float[]>> Completion { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether the caller gave up, so that the request must not run.</summary>
    public bool IsAbandoned => Completion.Task.IsCompleted;
}
