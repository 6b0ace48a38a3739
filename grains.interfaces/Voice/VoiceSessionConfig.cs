namespace VoiceHelper.Grains.Voice;

/// <summary>
/// The settings of a realtime voice session, as <c>session.created</c> and <c>session.updated</c> report them.
/// </summary>
/// <param name="InputFormat">The encoding of the audio that the client appends.</param>
/// <param name="InputRate">The sample rate of the input in hertz: 8,000 for G.711, 8,000 to 48,000 for PCM.</param>
/// <param name="OutputFormat">The encoding of the answer's audio.</param>
/// <param name="OutputRate">The sample rate of the output in hertz.</param>
/// <param name="TurnDetection">Server-side voice activity detection, or null when the client commits turns itself.</param>
/// <param name="Voice">The voice that speaks answers: an engine voice, an OpenAI voice name, or null for the default.</param>
/// <param name="Instructions">The client's instructions, kept and reported; the grounded answerer does not read them.</param>
/// <param name="TranscriptionModel">The transcription model that the client named, reported back; the silo's recognizer is used.</param>
[GenerateSerializer, Immutable, Alias("VoiceHelper.VoiceSessionConfig")]
public sealed record VoiceSessionConfig(
    [property: Id(0)] VoiceAudioFormat InputFormat,
    [property: Id(1)] int InputRate,
    [property: Id(2)] VoiceAudioFormat OutputFormat,
    [property: Id(3)] int OutputRate,
    [property: Id(4)] VoiceTurnDetection? TurnDetection,
    [property: Id(5)] string? Voice,
    [property: Id(6)] string? Instructions,
    [property: Id(7)] string? TranscriptionModel)
{
    /// <summary>The default rate of <c>audio/pcm</c>: 24 kHz.</summary>
    public const int DefaultPcmRate = 24_000;

    /// <summary>The rate of G.711 audio.</summary>
    public const int G711Rate = 8_000;

    /// <summary>The lowest PCM rate a session accepts.</summary>
    public const int MinPcmRate = 8_000;

    /// <summary>The highest PCM rate a session accepts.</summary>
    public const int MaxPcmRate = 48_000;

    /// <summary>A new session's settings: 24 kHz PCM both ways and server VAD with its defaults.</summary>
    public static VoiceSessionConfig Default { get; } = new(
        VoiceAudioFormat.Pcm16, DefaultPcmRate, VoiceAudioFormat.Pcm16, DefaultPcmRate, VoiceTurnDetection.Default,
        null, null, null);
}

/// <summary>
/// Server VAD settings in the terms of the OpenAI Realtime API.
/// </summary>
/// <param name="Threshold">The speech probability at or above which a 32 ms window counts as speech, 0 to 1.</param>
/// <param name="PrefixPaddingMs">Audio kept before speech starts, 0 to 5,000 ms.</param>
/// <param name="SilenceDurationMs">Silence that ends a turn, 0 to 10,000 ms.</param>
/// <param name="CreateResponse">Whether a finished turn is answered without a <c>response.create</c>.</param>
/// <param name="InterruptResponse">Whether speech during an answer interrupts it (barge-in).</param>
[GenerateSerializer, Immutable, Alias("VoiceHelper.VoiceTurnDetection")]
public sealed record VoiceTurnDetection(
    [property: Id(0)] float Threshold,
    [property: Id(1)] int PrefixPaddingMs,
    [property: Id(2)] int SilenceDurationMs,
    [property: Id(3)] bool CreateResponse,
    [property: Id(4)] bool InterruptResponse)
{
    /// <summary>OpenAI's defaults: threshold 0.5, 300 ms of prefix, 500 ms of silence, answer and interrupt.</summary>
    public static VoiceTurnDetection Default { get; } = new(0.5f, 300, 500, true, true);
}
