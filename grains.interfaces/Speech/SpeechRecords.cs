namespace VoiceHelper.Grains.Speech;

/// <summary>An uploaded audio file to transcribe.</summary>
/// <param name="Content">The file's bytes: WAVE or Ogg Opus.</param>
/// <param name="Language">A BCP 47 language tag, or null for the engine's default.</param>
/// <param name="Prompt">Context text for engines that use it.</param>
/// <param name="MaxDuration">The longest audio accepted.</param>
/// <param name="KnowledgeBaseId">A knowledge base of the tenant whose passages bias recognition, or null.</param>
[GenerateSerializer, Immutable, Alias("VoiceHelper.TranscriptionFile")]
public sealed record TranscriptionFile(
    [property: Id(0)] byte[] Content,
    [property: Id(1)] string? Language,
    [property: Id(2)] string? Prompt,
    [property: Id(3)] TimeSpan MaxDuration,
    [property: Id(4)] Guid? KnowledgeBaseId = null);

/// <summary>A transcript with the length of its audio and the engine that produced it.</summary>
[GenerateSerializer, Immutable, Alias("VoiceHelper.SpeechTranscript")]
public sealed record SpeechTranscript(
    [property: Id(0)] string Text,
    [property: Id(1)] double DurationSeconds,
    [property: Id(2)] string Engine,
    [property: Id(3)] string? Language);

/// <summary>Text to speak.</summary>
/// <param name="Text">At most 4,096 characters.</param>
/// <param name="Voice">An engine voice, or null or an OpenAI voice name for the language's default.</param>
/// <param name="Language">A BCP 47 tag, or null to detect Mandarin or English from the text.</param>
/// <param name="Speed">0.25 to 4.</param>
/// <param name="SampleRate">The sample rate of the returned chunks, 8,000 to 48,000 Hz.</param>
[GenerateSerializer, Immutable, Alias("VoiceHelper.SpeechSynthesisRequest")]
public sealed record SpeechSynthesisRequest(
    [property: Id(0)] string Text,
    [property: Id(1)] string? Voice,
    [property: Id(2)] string? Language,
    [property: Id(3)] float Speed,
    [property: Id(4)] int SampleRate)
{
    /// <summary>The lowest sample rate of the returned audio.</summary>
    public const int MinSampleRate = 8_000;

    /// <summary>The highest sample rate of the returned audio.</summary>
    public const int MaxSampleRate = 48_000;
}

/// <summary>Mono 16-bit samples of synthesized speech.</summary>
[GenerateSerializer, Immutable, Alias("VoiceHelper.SpeechAudioChunk")]
public sealed record SpeechAudioChunk(
    [property: Id(0)] short[] Samples,
    [property: Id(1)] int SampleRate);
