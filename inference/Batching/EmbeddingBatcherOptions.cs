using System.ComponentModel.DataAnnotations;

namespace VoiceHelper.Inference.Batching;

/// <summary>Settings of <see cref="EmbeddingBatcher"/>, read from <see cref="SectionName"/>.</summary>
/// <remarks>
/// The batch size limit is the embedder's own <c>Inference:Embeddings:MaxBatchSize</c>, so that one batch is one
/// model run.
/// </remarks>
public sealed class EmbeddingBatcherOptions
{
    /// <summary>Configuration section that these options bind to.</summary>
    public const string SectionName = "Inference:Embeddings:Batching";

    /// <summary>
    /// The maximum time that a batch of two or more requests waits for more requests before it runs, counted from
    /// its oldest request. A request that finds no other request waiting runs at once whatever this is, so a lone
    /// query never waits for it. Default 2 ms; 0 turns waiting off, and batches then form only from the requests that
    /// arrive while a batch runs.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01",
        ErrorMessage = "MaxDelay must be between 00:00:00 and 00:00:01 (one second).")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// The maximum number of texts that may wait in the queue. A request that would pass it fails at once with
    /// <see cref="EmbeddingRejectedException"/>, so waiting requests never take more memory than this many texts and
    /// their vectors. It must be at least <c>Inference:Embeddings:MaxBatchSize</c>. Default 1024, which at the default
    /// batch size is 32 full batches.
    /// </summary>
    [Range(1, 1_000_000, ErrorMessage = "MaxQueuedTexts must be between 1 and 1000000.")]
    public int MaxQueuedTexts { get; set; } = 1024;

    /// <summary>
    /// Batches that run at the same time on the embedder's one ONNX Runtime session. Default 1: on a CPU one run
    /// already uses every core that <c>IntraOpThreads</c> allows. On a GPU, 2 lets one batch be tokenized and pooled
    /// on the CPU while the other runs on the GPU.
    /// </summary>
    [Range(1, 16, ErrorMessage = "MaxConcurrentBatches must be between 1 and 16.")]
    public int MaxConcurrentBatches { get; set; } = 1;

    /// <summary>The delay before a retry that a rejected request's exception carries. Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00",
        ErrorMessage = "RetryAfter must be between 00:00:00.001 and 00:01:00.")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Returns the message of every invalid setting, given the embedder's batch size limit.</summary>
    public IReadOnlyList<string> GetErrors(int maxBatchSize)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true);
        var errors = results.Select(result => result.ErrorMessage ?? "An option is invalid.").ToList();
        if (MaxQueuedTexts < maxBatchSize)
        {
            errors.Add($"MaxQueuedTexts ({MaxQueuedTexts}) must be at least Inference:Embeddings:MaxBatchSize " +
                $"({maxBatchSize}), so that a full batch fits into the queue.");
        }

        return errors;
    }

    /// <summary>Throws one <see cref="ArgumentException"/> that lists every invalid setting.</summary>
    public void Validate(int maxBatchSize)
    {
        var errors = GetErrors(maxBatchSize);
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Options section '{SectionName}' is invalid: {string.Join(" ", errors)}");
        }
    }
}
