using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoiceHelper.Grains.Persistence;
using VoiceHelper.Grains.Speech;
using VoiceHelper.Speech;
using VoiceHelper.Speech.Recognition;
using VoiceHelper.Speech.Synthesis;
using VoiceHelper.Speech.Vad;

namespace VoiceHelper.Grains;

/// <summary>Registers the speech engines that the speech grains run, and the usage store they write to.</summary>
public static class SpeechServiceCollectionExtensions
{
    /// <summary>
    /// Adds the recognizer, synthesizer and voice activity detector chosen in the <c>Speech</c> section. The engines
    /// load on first use, and <see cref="SpeechOptionsValidator"/> checks their settings at start-up.
    /// </summary>
    public static IServiceCollection AddVoiceHelperSpeech(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SpeechOptions>()
            .Bind(configuration.GetSection(SpeechOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SpeechOptions>>(new SpeechOptionsValidator(configuration));
        services.AddSingleton<PostgresSpeechUsageStore>();
        services.AddSingleton<PostgresVocabularyStore>();
        services.AddSingleton<SpeechUsageRecorder>();
        services.AddSingleton(provider => CreateRecognizer(provider, configuration));
        services.AddSingleton(provider => CreateSynthesizer(provider, configuration));
        services.AddSingleton(provider => new SileroVad(
            configuration.GetSection(SileroVadOptions.SectionName).Get<SileroVadOptions>() ?? new(),
            provider.GetService<ILogger<SileroVad>>()));
        return services;
    }

    private static ISpeechRecognizer CreateRecognizer(IServiceProvider provider, IConfiguration configuration)
    {
        var kind = provider.GetRequiredService<IOptions<SpeechOptions>>().Value.Recognition;
        return kind == SpeechEngineKind.OpenAI
            ? new OpenAITranscriptionRecognizer(new HttpClient(), Endpoint(configuration, OpenAITranscriptionRecognizer.SectionName),
                provider.GetService<ILogger<OpenAITranscriptionRecognizer>>())
            : new PocketSphinxRecognizer(
                configuration.GetSection(PocketSphinxOptions.SectionName).Get<PocketSphinxOptions>() ?? new(),
                provider.GetService<ILogger<PocketSphinxRecognizer>>());
    }

    private static ISpeechSynthesizer CreateSynthesizer(IServiceProvider provider, IConfiguration configuration)
    {
        var kind = provider.GetRequiredService<IOptions<SpeechOptions>>().Value.Synthesis;
        return kind == SpeechEngineKind.OpenAI
            ? new OpenAISpeechSynthesizer(new HttpClient(), Endpoint(configuration, OpenAISpeechSynthesizer.SectionName),
                provider.GetService<ILogger<OpenAISpeechSynthesizer>>())
            : new ESpeakSynthesizer(
                configuration.GetSection(ESpeakOptions.SectionName).Get<ESpeakOptions>() ?? new(),
                provider.GetService<ILogger<ESpeakSynthesizer>>());
    }

    private static OpenAIEndpointOptions Endpoint(IConfiguration configuration, string section) =>
        new SpeechOptionsValidator(configuration).Endpoint(section);
}
