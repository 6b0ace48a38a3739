using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoiceHelper.Grains.Logging;
using VoiceHelper.Speech;
using VoiceHelper.Speech.Recognition;
using VoiceHelper.Speech.Synthesis;

namespace VoiceHelper.Grains.Speech;

/// <summary>
/// The silo's recognizer and synthesizer, created on first use from the engines that <see cref="SpeechOptions"/>
/// selects. An engine that cannot start, because its Debian package or model is missing, fails every request with a
/// non-transient <see cref="SpeechEngineException"/> that names what to install, while the rest of the silo keeps
/// working. At start it logs the missing files of the selected embedded engines.
/// </summary>
public sealed class SpeechEngines(
    IOptions<SpeechOptions> options, IConfiguration configuration, ILoggerFactory loggerFactory)
    : IHostedService, IDisposable
{
    private readonly Lazy<ISpeechRecognizer> _recognizer =
        new(() => Start(() => CreateRecognizer(options.Value, configuration, loggerFactory)));

    private readonly Lazy<ISpeechSynthesizer> _synthesizer =
        new(() => Start(() => CreateSynthesizer(options.Value, configuration, loggerFactory)));

    private readonly ILogger _logger = loggerFactory.CreateLogger<SpeechEngines>();

    /// <summary>The recognizer.</summary>
    /// <exception cref="SpeechEngineException">The engine cannot start.</exception>
    public ISpeechRecognizer Recognizer => _recognizer.Value;

    /// <summary>The synthesizer.</summary>
    /// <exception cref="SpeechEngineException">The engine cannot start.</exception>
    public ISpeechSynthesizer Synthesizer => _synthesizer.Value;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var validator = new SpeechOptionsValidator(configuration);
        var problems = new List<string>();
        if (options.Value.Recognition == SpeechEngineKind.Embedded)
        {
            problems.AddRange(validator.Bind<PocketSphinxOptions>(PocketSphinxOptions.SectionName).Validate());
        }

        if (options.Value.Synthesis == SpeechEngineKind.Embedded)
        {
            problems.AddRange(validator.Bind<ESpeakOptions>(ESpeakOptions.SectionName).Validate());
        }

        foreach (var problem in problems)
        {
            GrainLog.SpeechEngineMissing(_logger, problem);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        if (_recognizer.IsValueCreated && _recognizer.Value is IDisposable recognizer)
        {
            recognizer.Dispose();
        }
    }

    private static T Start<T>(Func<T> create)
    {
        try
        {
            return create();
        }
        catch (ArgumentException exception)
        {
            throw new SpeechEngineException($"The speech engine cannot start: {exception.Message}", isTransient: false, exception);
        }
    }

    private static ISpeechRecognizer CreateRecognizer(SpeechOptions options, IConfiguration configuration, ILoggerFactory loggers)
    {
        var validator = new SpeechOptionsValidator(configuration);
        return options.Recognition == SpeechEngineKind.OpenAI
            ? new OpenAITranscriptionRecognizer(new HttpClient(), validator.Endpoint(OpenAITranscriptionRecognizer.SectionName),
                loggers.CreateLogger<OpenAITranscriptionRecognizer>())
            : new PocketSphinxRecognizer(validator.Bind<PocketSphinxOptions>(PocketSphinxOptions.SectionName),
                loggers.CreateLogger<PocketSphinxRecognizer>());
    }

    private static ISpeechSynthesizer CreateSynthesizer(SpeechOptions options, IConfiguration configuration, ILoggerFactory loggers)
    {
        var validator = new SpeechOptionsValidator(configuration);
        return options.Synthesis == SpeechEngineKind.OpenAI
            ? new OpenAISpeechSynthesizer(new HttpClient(), validator.Endpoint(OpenAISpeechSynthesizer.SectionName),
                loggers.CreateLogger<OpenAISpeechSynthesizer>())
            : new ESpeakSynthesizer(validator.Bind<ESpeakOptions>(ESpeakOptions.SectionName), loggers.CreateLogger<ESpeakSynthesizer>());
    }
}
