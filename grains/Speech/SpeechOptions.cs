namespace VoiceHelper.Grains.Speech;

/// <summary>The speech engines of a silo, read from the <c>Speech</c> configuration section.</summary>
public sealed class SpeechOptions
{
    public const string SectionName = "Speech";

    /// <summary>The recognizer: <c>Embedded</c> (PocketSphinx, default) or <c>OpenAI</c> (an OpenAI-compatible server).</summary>
    public SpeechEngineKind Recognition { get; set; } = SpeechEngineKind.Embedded;

    /// <summary>The synthesizer: <c>Embedded</c> (eSpeak NG, default) or <c>OpenAI</c>.</summary>
    public SpeechEngineKind Synthesis { get; set; } = SpeechEngineKind.Embedded;
}

/// <summary>Where a speech engine runs.</summary>
public enum SpeechEngineKind
{
    /// <summary>In the silo process: PocketSphinx for recognition, eSpeak NG for synthesis.</summary>
    Embedded,

    /// <summary>On a server that implements OpenAI's audio API.</summary>
    OpenAI,
}
