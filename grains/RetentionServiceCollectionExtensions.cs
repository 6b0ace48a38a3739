using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VoiceHelper.Grains.Persistence;
using VoiceHelper.Grains.Retention;

namespace VoiceHelper.Grains;

/// <summary>Registers the retention job that deletes usage events, deleted conversations and voice audio.</summary>
public static class RetentionServiceCollectionExtensions
{
    /// <summary>
    /// Adds the settings of the <c>Retention</c> configuration section, validated at start, the job, and the hosted
    /// service that keeps the cluster's <see cref="RetentionGrain"/> scheduled. An
    /// <see cref="Npgsql.NpgsqlDataSource"/> must be registered too.
    /// </summary>
    public static IServiceCollection AddVoiceHelperRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>()
            .Bind(configuration.GetSection(RetentionOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PostgresRetentionStore>();
        services.AddSingleton<RetentionJob>();
        services.AddHostedService<RetentionScheduler>();
        return services;
    }
}
