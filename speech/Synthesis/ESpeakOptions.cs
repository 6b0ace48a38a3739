namespace VoiceHelper.Speech.Synthesis;

/// <summary>Settings of <see cref="ESpeakSynthesizer"/>, read from <c>Speech:Synthesis:ESpeak</c>.</summary>
public sealed class ESpeakOptions
{
    public const string SectionName = "Speech:Synthesis:ESpeak";

    /// <summary>
    /// The folder that contains <c>espeak-ng-data</c>'s files, or null for the library's built-in path, which is that of
    /// Debian's espeak-ng-data package. eSpeak NG reads it once per process, so only the first synthesizer's value counts.
    /// </summary>
    public string? DataFolder { get; set; }

    /// <summary>
    /// The eSpeak voice for each language, keyed by BCP 47 primary language tag. Default: <c>en</c> as <c>en-us</c>, and
    /// <c>zh</c> and <c>cmn</c> as <c>cmn-latn-pinyin</c>, because in eSpeak NG 1.51 the <c>cmn</c> voice reads Chinese
    /// characters as English-spelled pinyin while <c>cmn-latn-pinyin</c> speaks Mandarin.
    /// </summary>
    public Dictionary<string, string> VoicesByLanguage { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = "en-us",
        ["zh"] = "cmn-latn-pinyin",
        ["cmn"] = "cmn-latn-pinyin",
    };

    /// <summary>The speaking rate at speed 1, in words per minute. Default 175, eSpeak's own. Range 80 to 450.</summary>
    public int WordsPerMinute { get; set; } = 175;

    /// <summary>
    /// Returns one message per invalid setting, each naming it, and with <paramref name="includeFiles"/> one for a
    /// missing data folder; none when all are valid.
    /// </summary>
    public IReadOnlyList<string> Validate(bool includeFiles = true)
    {
        var problems = new List<string>();
        if (WordsPerMinute is < 80 or > 450)
        {
            problems.Add($"{SectionName}:WordsPerMinute is {WordsPerMinute}, but must be between 80 and 450.");
        }

        if (includeFiles && DataFolder is not null && !Directory.Exists(DataFolder))
        {
            problems.Add($"{SectionName}:DataFolder is '{DataFolder}', which does not exist. Remove the setting to use " +
                "the data of the Debian package espeak-ng-data.");
        }

        return problems;
    }
}
