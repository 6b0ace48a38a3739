namespace VoiceHelper.Grains.Speech;

/// <summary>
/// Speech recognition as a stateless worker: every silo runs local copies that share its recognizer. Whole-file
/// endpoints call it now and the realtime session will call it for each finished turn.
/// </summary>
[Alias("VoiceHelper.ISpeechRecognitionGrain")]
public interface ISpeechRecognitionGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Decodes an audio file (WAVE or Ogg Opus), recognizes it, biased toward the passages of the file's knowledge base
    /// when it names one, and adds its seconds to the tenant's usage.
    /// </summary>
    /// <exception cref="VoiceHelper.Grains.Knowledge.KnowledgeBaseNotFoundException">The tenant has no such knowledge base.</exception>
    /// <exception cref="InvalidAudioException">The file cannot be decoded or is too long.</exception>
    /// <exception cref="SpeechUnavailableException">The engine failed or is busy.</exception>
    /// <exception cref="InvalidSpeechRequestException">The language is not supported by the engine.</exception>
    [Alias("TranscribeFile")]
    Task<SpeechTranscript> TranscribeFileAsync(Guid tenantId, TranscriptionFile file);

    /// <summary>
    /// Recognizes 16 kHz mono samples, biased toward a knowledge base's passages when <paramref name="knowledgeBaseId"/>
    /// is set, and adds their seconds to the tenant's usage.
    /// </summary>
    [Alias("TranscribeSamples")]
    Task<SpeechTranscript> TranscribeSamplesAsync(
        Guid tenantId, short[] samples, string? language, string? prompt, Guid? knowledgeBaseId = null);
}
