using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoiceHelper.Grains.Conversations;
using Orleans.Configuration;
using VoiceHelper.Grains.Persistence;
using VoiceHelper.Knowledge.Answering;

namespace VoiceHelper.Grains;

/// <summary>Registers the services that the grains of this assembly need.</summary>
public static class GrainServiceCollectionExtensions
{
    /// <summary>
    /// Adds the PostgreSQL stores and the clock. An <see cref="Npgsql.NpgsqlDataSource"/> must be registered too.
    /// </summary>
    public static IServiceCollection AddVoiceHelperGrainServices(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IConversationStore, PostgresConversationStore>();
        services.AddSingleton<PostgresKnowledgeStore>();
        return services;
    }

    /// <summary>
    /// Adds the conversation settings from the <c>Conversations</c> configuration section, validated at start, the
    /// question rewriter, and the idle time after which a conversation deactivates. Needs
    /// <see cref="KnowledgeServiceCollectionExtensions.AddVoiceHelperKnowledge"/> for the answer generator.
    /// </summary>
    public static IServiceCollection AddVoiceHelperConversations(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ConversationOptions.SectionName);
        services.AddOptions<ConversationOptions>()
            .Bind(section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<FollowUpRewriterOptions>()
            .Bind(configuration.GetSection(FollowUpRewriterOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IQuestionRewriter>(CreateRewriter);

        var idleTimeout = section.Get<ConversationOptions>()?.IdleTimeout ?? new ConversationOptions().IdleTimeout;
        services.Configure<GrainCollectionOptions>(collection =>
            collection.ClassSpecificCollectionAge[typeof(ConversationGrain).FullName!] = idleTimeout);
        return services;
    }

    // The rewriter follows the answerer: with a model configured, the model rewrites follow-ups too.
    private static IQuestionRewriter CreateRewriter(IServiceProvider provider)
    {
        var deterministic = new FollowUpRewriter(provider.GetRequiredService<IOptions<FollowUpRewriterOptions>>().Value);
        var answering = provider.GetRequiredService<IOptions<AnswererOptions>>().Value;
        return answering.Kind == AnswererKind.OpenAI
            ? new ModelQuestionRewriter(answering.OpenAI, deterministic, provider.GetService<ILogger<ModelQuestionRewriter>>())
            : deterministic;
    }
}
