using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VoiceHelper.Grains.Conversations;
using VoiceHelper.Grains.Persistence;

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
}
