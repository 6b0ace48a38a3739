using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoiceHelper.Grains;
using VoiceHelper.Grains.Speech;
using VoiceHelper.Speech;
using VoiceHelper.Speech.Recognition;
using VoiceHelper.Speech.Synthesis;

namespace VoiceHelper.Tests.Speech;

[Trait("Category", "Unit")]
public sealed class SpeechRegistrationTests
{
    [Fact]
    public void Resolve_Defaults_CreateEmbeddedEngines()
    {
        using var provider = BuildProvider([]);

        var engines = provider.GetRequiredService<SpeechEngines>();

        Assert.IsType<PocketSphinxRecognizer>(engines.Recognizer);
        Assert.IsType<ESpeakSynthesizer>(engines.Synthesizer);
    }

    [Fact]
    public void Resolve_KindOpenAI_CreatesClients()
    {
        using var provider = BuildProvider(new()
        {
            ["Speech:Recognition"] = "OpenAI",
            ["Speech:Recognition:OpenAI:Endpoint"] = "http://127.0.0.1:8000/v1",
            ["Speech:Recognition:OpenAI:Model"] = "whisper-1",
        });

        var recognizer = provider.GetRequiredService<SpeechEngines>().Recognizer;

        Assert.IsType<OpenAITranscriptionRecognizer>(recognizer);
    }

    [Fact]
    public void Validate_OpenAIWithoutEndpoint_FailsAtStart()
    {
        using var provider = BuildProvider(new() { ["Speech:Recognition"] = "OpenAI" });

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SpeechOptions>>().Value);

        Assert.Contains("Speech:Recognition:OpenAI:Endpoint", exception.Message);
    }

    [Fact]
    public void Recognizer_MissingModel_FailsRequestsNotStart()
    {
        using var provider = BuildProvider(new() { ["Speech:Recognition:PocketSphinx:AcousticModel"] = "/nonexistent/hmm" });

        var options = provider.GetRequiredService<IOptions<SpeechOptions>>().Value;
        var exception = Assert.Throws<SpeechEngineException>(() => provider.GetRequiredService<SpeechEngines>().Recognizer);

        Assert.Equal(SpeechEngineKind.Embedded, options.Recognition);
        Assert.False(exception.IsTransient);
        Assert.Contains("pocketsphinx-en-us", exception.Message);
    }

    private static ServiceProvider BuildProvider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddVoiceHelperSpeech(configuration).BuildServiceProvider();
    }
}
