using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using VoiceHelper.Speech;
using VoiceHelper.Speech.Recognition;
using VoiceHelper.Speech.Synthesis;

namespace VoiceHelper.Grains.Speech;

/// <summary>
/// Checks at start-up the settings of the engines that <see cref="SpeechOptions"/> selects, so that a silo with an
/// out-of-range value or an incomplete endpoint fails to start. Missing engine files only fail speech requests, so
/// that a silo without the speech packages still serves everything else; <see cref="SpeechEngines"/> logs them at
/// start.
/// </summary>
public sealed class SpeechOptionsValidator(IConfiguration configuration) : IValidateOptions<SpeechOptions>
{
    public ValidateOptionsResult Validate(string? name, SpeechOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (!Enum.IsDefined(options.Recognition) || !Enum.IsDefined(options.Synthesis))
        {
            problems.Add($"{SpeechOptions.SectionName}:Recognition is '{options.Recognition}' and :Synthesis is " +
                $"'{options.Synthesis}'; each must be Embedded or OpenAI.");
            return ValidateOptionsResult.Fail(problems);
        }

        if (options.MaxVocabularyChunks is < 1 or > 100_000)
        {
            problems.Add($"{SpeechOptions.SectionName}:MaxVocabularyChunks is {options.MaxVocabularyChunks}, but must be " +
                "between 1 and 100000.");
        }

        problems.AddRange(options.Recognition == SpeechEngineKind.OpenAI
            ? Endpoint(OpenAITranscriptionRecognizer.SectionName).Validate(OpenAITranscriptionRecognizer.SectionName)
            : Bind<PocketSphinxOptions>(PocketSphinxOptions.SectionName).Validate(includeFiles: false));
        problems.AddRange(options.Synthesis == SpeechEngineKind.OpenAI
            ? Endpoint(OpenAISpeechSynthesizer.SectionName).Validate(OpenAISpeechSynthesizer.SectionName)
            : Bind<ESpeakOptions>(ESpeakOptions.SectionName).Validate(includeFiles: false));
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>Returns the endpoint settings of an OpenAI-compatible engine section.</summary>
    public OpenAIEndpointOptions Endpoint(string section) => Bind<OpenAIEndpointOptions>(section);

    /// <summary>Returns the settings of a section, or the defaults when it is absent.</summary>
    public T Bind<T>(string section)
        where T : new() => configuration.GetSection(section).Get<T>() ?? new T();
}
