using System.ComponentModel.DataAnnotations;

namespace VoiceHelper.Speech.Recognition;

/// <summary>Settings of <see cref="PocketSphinxRecognizer"/>, read from <c>Speech:Recognition:PocketSphinx</c>.</summary>
public sealed class PocketSphinxOptions
{
    public const string SectionName = "Speech:Recognition:PocketSphinx";

    /// <summary>The acoustic model folder. Default: that of Debian's pocketsphinx-en-us.</summary>
    [Required]
    public string AcousticModel { get; set; } = "/usr/share/pocketsphinx/model/en-us/en-us";

    /// <summary>The n-gram language model. Default: the US English model of pocketsphinx-en-us.</summary>
    [Required]
    public string LanguageModel { get; set; } = "/usr/share/pocketsphinx/model/en-us/en-us.lm.bin";

    /// <summary>The pronunciation dictionary. Default: the CMU dictionary of pocketsphinx-en-us.</summary>
    [Required]
    public string Dictionary { get; set; } = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict";

    /// <summary>
    /// The maximum number of decoders, and so of utterances recognized at once. Each costs about 90 MiB that is not returned
    /// until the process ends. Default 4. Range 1 to 64.
    /// </summary>
    [Range(1, 64, ErrorMessage = "Speech:Recognition:PocketSphinx:MaxDecoders must be between 1 and 64.")]
    public int MaxDecoders { get; set; } = 4;

    /// <summary>
    /// Decoders created and warmed up when the recognizer starts, so that the first requests do not wait about half
    /// a second each. Default 1. Range 0 to <see cref="MaxDecoders"/>.
    /// </summary>
    [Range(0, 64, ErrorMessage = "Speech:Recognition:PocketSphinx:WarmDecoders must be between 0 and 64.")]
    public int WarmDecoders { get; set; } = 1;

    /// <summary>
    /// How long a request waits for a free decoder before it fails as busy. Default 10 seconds. Range 0 seconds to
    /// 5 minutes.
    /// </summary>
    public TimeSpan AcquireTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The weight of a request's vocabulary model in its interpolation with the general language model. Default 0.2.
    /// Range 0.01 to 0.9. On the LibriVox test recordings, with the other four sentences as vocabulary, 0.1 to 0.5
    /// all lowered the word error rate from 28% to 18%, and an unrelated vocabulary raised it by one word in 71.
    /// </summary>
    [Range(0.01, 0.9, ErrorMessage = "Speech:Recognition:PocketSphinx:VocabularyWeight must be between 0.01 and 0.9.")]
    public float VocabularyWeight { get; set; } = 0.2f;

    /// <summary>
    /// The vocabulary models that one decoder keeps loaded; the least recently used one is dropped beyond it.
    /// Default 8. Range 1 to 256.
    /// </summary>
    [Range(1, 256, ErrorMessage = "Speech:Recognition:PocketSphinx:MaxVocabulariesPerDecoder must be between 1 and 256.")]
    public int MaxVocabulariesPerDecoder { get; set; } = 8;

    /// <summary>
    /// How much audio a stream decodes between two reads of its partial hypothesis, in milliseconds. Each read
    /// (<c>ps_get_hyp</c>) searches the decoder's lattice so far, so reading after every 20 ms chunk would cost CPU
    /// for little news. 0 turns partial transcripts off. Default 250. Range 0 to 10,000.
    /// </summary>
    [Range(0, 10_000, ErrorMessage = "Speech:Recognition:PocketSphinx:PartialIntervalMs must be between 0 and 10000.")]
    public int PartialIntervalMs { get; set; } = 250;

    /// <summary>
    /// Returns one message per invalid setting, each naming the setting, and with <paramref name="includeFiles"/> one
    /// per missing model file; none when all are valid.
    /// </summary>
    public IReadOnlyList<string> Validate(bool includeFiles = true)
    {
        var problems = new List<string>();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
        {
            problems.AddRange(results.Select(result => result.ErrorMessage ?? "A setting is invalid."));
        }

        if (WarmDecoders > MaxDecoders)
        {
            problems.Add($"{SectionName}:WarmDecoders is {WarmDecoders}, more than MaxDecoders ({MaxDecoders}).");
        }

        if (AcquireTimeout < TimeSpan.Zero || AcquireTimeout > TimeSpan.FromMinutes(5))
        {
            problems.Add($"{SectionName}:AcquireTimeout is {AcquireTimeout}, but must be between 0 and 5 minutes.");
        }

        if (includeFiles)
        {
            CheckPath(problems, nameof(AcousticModel), AcousticModel, Directory.Exists);
            CheckPath(problems, nameof(LanguageModel), LanguageModel, File.Exists);
            CheckPath(problems, nameof(Dictionary), Dictionary, File.Exists);
        }

        return problems;
    }

    private static void CheckPath(List<string> problems, string name, string? path, Func<string, bool> exists)
    {
        if (!string.IsNullOrWhiteSpace(path) && !exists(path))
        {
            problems.Add($"{SectionName}:{name} is '{path}', which does not exist. Install the Debian package " +
                "pocketsphinx-en-us ('dotnet pwsh ./build.ps1 setup' does) or set the path of your model.");
        }
    }
}
