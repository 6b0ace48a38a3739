namespace VoiceHelper.Grains.Speech;

/// <summary>The speech engines of a silo, read from the <c>Speech</c> configuration section.</summary>
public sealed class SpeechOptions
{
    public const string SectionName = "Speech";

    /// <summary>The recognizer: <c>Embedded</c> (PocketSphinx, default) or <c>OpenAI</c> (an OpenAI-compatible server).</summary>
    public SpeechEngineKind Recognition { get; set; } = SpeechEngineKind.Embedded;

    /// <summary>The synthesizer: <c>Embedded</c> (eSpeak NG, default) or <c>OpenAI</c>.</summary>
    public SpeechEngineKind Synthesis { get; set; } = SpeechEngineKind.Embedded;

    /// <summary>
    /// The most chunks of a knowledge base whose text biases recognition, the first ones stored. Default 2,000, about
    /// 2 MB of text. Range 1 to 100,000.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 100_000,
        ErrorMessage = "Speech:MaxVocabularyChunks must be between 1 and 100000.")]
    public int MaxVocabularyChunks { get; set; } = 2_000;
}

/// <summary>Where a speech engine runs.</summary>
public enum SpeechEngineKind
{
    /// <summary>In the silo process: PocketSphinx for recognition, eSpeak NG for synthesis.</summary>
    Embedded,

    /// <summary>On a server that implements OpenAI's audio API.</summary>
    OpenAI,
}
