using Microsoft.Extensions.Options;
using VoiceHelper.Inference.Batching;

namespace VoiceHelper.Grains.Inference;

/// <summary>
/// Validates <see cref="EmbeddingBatcherOptions"/> at start, against the embedder's batch size from configuration, so
/// that a bad setting stops the silo before the model loads.
/// </summary>
internal sealed class EmbeddingBatcherOptionsValidator(int maxBatchSize) : IValidateOptions<EmbeddingBatcherOptions>
{
    public ValidateOptionsResult Validate(string? name, EmbeddingBatcherOptions options)
    {
        var errors = options.GetErrors(maxBatchSize);
        return errors.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(errors.Select(error => $"{EmbeddingBatcherOptions.SectionName}: {error}"));
    }
}
