using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoiceHelper.Grains.Inference;
using VoiceHelper.Grains.Knowledge;
using VoiceHelper.Grains.Placement;
using VoiceHelper.Inference.Batching;
using VoiceHelper.Inference.Embeddings;

namespace VoiceHelper.Grains;

/// <summary>Registers the inference engines of a silo and the placement of the grains that run them.</summary>
public static class InferenceServiceCollectionExtensions
{
    /// <summary>
    /// Adds the embedding model (<c>Inference:Embeddings</c>), its batcher (<c>Inference:Embeddings:Batching</c>) and
    /// the accelerator placement of inference grains (<c>Inference:Placement</c>). The batching and placement settings
    /// are validated at start-up, the model's when it first loads. Silos that advertise accelerators call
    /// <c>UseSiloMetadata</c> with <see cref="AcceleratorMetadata.DeviceCountKey"/>.
    /// </summary>
    public static IServiceCollection AddVoiceHelperInference(this IServiceCollection services, IConfiguration configuration)
    {
        var embedderOptions = configuration.GetSection(MiniLmEmbedderOptions.SectionName).Get<MiniLmEmbedderOptions>() ?? new();
        services.AddMetrics();
        services.AddSingleton(provider => new MiniLmEmbedder(embedderOptions, provider.GetService<ILogger<MiniLmEmbedder>>()));
        services.AddSingleton<ITextEmbedder>(provider => provider.GetRequiredService<MiniLmEmbedder>());

        services.AddOptions<EmbeddingBatcherOptions>()
            .Bind(configuration.GetSection(EmbeddingBatcherOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmbeddingBatcherOptions>>(
            new EmbeddingBatcherOptionsValidator(embedderOptions.MaxBatchSize));
        services.AddSingleton(provider => new EmbeddingBatcher(
            provider.GetRequiredService<MiniLmEmbedder>(),
            provider.GetRequiredService<IOptions<EmbeddingBatcherOptions>>().Value,
            provider.GetService<ILogger<EmbeddingBatcher>>(),
            provider.GetService<IMeterFactory>()));

        services.AddOptions<AcceleratorPlacementOptions>()
            .Bind(configuration.GetSection(AcceleratorPlacementOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<AcceleratorSilos>();
        services.AddSingleton<InferenceActivationCounts>();
        services.AddSingleton<PlacementMetrics>();
        services.AddSingleton<EmbeddingGrainPool>();
        services.AddPlacementDirector<AcceleratorPlacementStrategy, AcceleratorPlacementDirector>();
        return services;
    }
}
