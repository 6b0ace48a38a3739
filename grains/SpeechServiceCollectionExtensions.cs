using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoiceHelper.Grains.Persistence;
using VoiceHelper.Grains.Speech;
using VoiceHelper.Speech.Vad;

namespace VoiceHelper.Grains;

/// <summary>Registers the speech engines that the speech grains run, and the usage store they write to.</summary>
public static class SpeechServiceCollectionExtensions
{
    /// <summary>
    /// Adds the recognizer, synthesizer and voice activity detector chosen in the <c>Speech</c> section. The engines
    /// load on first use (<see cref="SpeechEngines"/>), and <see cref="SpeechOptionsValidator"/> checks their settings
    /// at start-up.
    /// </summary>
    public static IServiceCollection AddVoiceHelperSpeech(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SpeechOptions>()
            .Bind(configuration.GetSection(SpeechOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SpeechOptions>>(new SpeechOptionsValidator(configuration));
        services.AddSingleton<PostgresSpeechUsageStore>();
        services.AddSingleton<PostgresVocabularyStore>();
        services.AddSingleton<PostgresVoiceAudioStore>();
        services.AddSingleton<SpeechUsageRecorder>();
        services.AddSingleton(provider => new SpeechEngines(
            provider.GetRequiredService<IOptions<SpeechOptions>>(), configuration, provider.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService(provider => provider.GetRequiredService<SpeechEngines>());
        services.AddSingleton(provider => provider.GetRequiredService<SpeechEngines>().Recognizer);
        services.AddSingleton(provider => provider.GetRequiredService<SpeechEngines>().Synthesizer);
        services.AddSingleton(provider => new SileroVad(
            configuration.GetSection(SileroVadOptions.SectionName).Get<SileroVadOptions>() ?? new(),
            provider.GetService<ILogger<SileroVad>>()));
        return services;
    }
}
