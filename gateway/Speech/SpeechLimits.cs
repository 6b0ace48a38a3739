namespace VoiceHelper.Gateway.Speech;

/// <summary>Limits of the speech endpoints.</summary>
public static class SpeechLimits
{
    /// <summary>The largest audio upload: 25 MiB, OpenAI's limit for its transcription API.</summary>
    public const long MaxUploadBytes = 25L * 1024 * 1024;

    /// <summary>
    /// The longest audio to transcribe. PocketSphinx took 0.16 s per second of audio on an idle core and 0.6 s under
    /// load (docs/benchmarks.md), so a minute fits the 30-second response timeout of a grain call.
    /// </summary>
    public static readonly TimeSpan MaxTranscriptionDuration = TimeSpan.FromSeconds(60);

    /// <summary>The longest text to speak, in UTF-16 code units: OpenAI's limit for its speech API.</summary>
    public const int MaxSpeechTextLength = 4_096;

    /// <summary>The longest language tag or voice name.</summary>
    public const int MaxNameLength = 64;

    /// <summary>The longest transcription prompt.</summary>
    public const int MaxPromptLength = 2_000;

    /// <summary>OpenAI's <c>pcm</c> format and VoiceHelper's default output rate: 24 kHz.</summary>
    public const int DefaultSampleRate = 24_000;
}
