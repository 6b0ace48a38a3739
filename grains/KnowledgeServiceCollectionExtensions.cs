using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoiceHelper.Grains.Knowledge;
using VoiceHelper.Knowledge.Answering;
using VoiceHelper.Knowledge.Chunking;
using VoiceHelper.Knowledge.Index;
using VoiceHelper.Knowledge.Parsing;

namespace VoiceHelper.Grains;

/// <summary>
/// Registers the engines that the knowledge grains run: parser, chunker, embedder, answerer and vector index.
/// </summary>
public static class KnowledgeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the knowledge engines with settings from the <c>Knowledge</c> configuration section, and the inference
    /// engines of <see cref="InferenceServiceCollectionExtensions.AddVoiceHelperInference"/>.
    /// <see cref="KnowledgeOptions"/> and <see cref="AnswererOptions"/> are validated at start-up, the parser,
    /// chunker and index settings when first used.
    /// </summary>
    public static IServiceCollection AddVoiceHelperKnowledge(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KnowledgeOptions>()
            .Bind(configuration.GetSection(KnowledgeOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IngestionThrottle>();
        services.AddSingleton<IDocumentParser>(_ => new DocumentParser(
            configuration.GetSection(DocumentParserOptions.SectionName).Get<DocumentParserOptions>() ?? new()));
        services.AddSingleton<IDocumentChunker>(_ => new DocumentChunker(
            configuration.GetSection(ChunkingOptions.SectionName).Get<ChunkingOptions>() ?? new()));
        services.AddVoiceHelperInference(configuration);
        services.AddOptions<AnswererOptions>()
            .Bind(configuration.GetSection(AnswererOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AnswererOptions>, AnswererOptionsValidator>();
        services.AddSingleton(provider => CreateAnswerer(provider, configuration));
        services.AddSingleton<IVectorIndexFactory>(_ => new VectorIndexFactory(
            configuration.GetSection(VectorIndexOptions.SectionName).Get<VectorIndexOptions>() ?? new()));
        return services;
    }

    private static IAnswerGenerator CreateAnswerer(IServiceProvider provider, IConfiguration configuration)
    {
        var options = provider.GetRequiredService<IOptions<AnswererOptions>>().Value;
        return options.Kind switch
        {
            AnswererKind.OpenAI => new OpenAIAnswerer(
                options.OpenAI, options.NoAnswerText, provider.GetService<ILogger<OpenAIAnswerer>>()),
            // Through the grain pool, not the local model, so the answer's sentences reach the GPU silos' batches.
            _ => new ExtractiveAnswerer(
                new PooledTextEmbedder(provider.GetRequiredService<EmbeddingGrainPool>()),
                configuration.GetSection(ExtractiveAnswererOptions.SectionName).Get<ExtractiveAnswererOptions>() ?? new()),
        };
    }
}
