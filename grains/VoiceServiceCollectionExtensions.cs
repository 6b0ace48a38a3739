using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VoiceHelper.Grains.Voice;

namespace VoiceHelper.Grains;

/// <summary>Registers the settings of realtime voice sessions.</summary>
public static class VoiceServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="VoiceSessionOptions"/> from the <c>Voice</c> section, validated at start. Voice sessions also
    /// need the engines of <see cref="SpeechServiceCollectionExtensions.AddVoiceHelperSpeech"/>.
    /// </summary>
    public static IServiceCollection AddVoiceHelperVoiceSessions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<VoiceSessionOptions>()
            .Bind(configuration.GetSection(VoiceSessionOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }
}
