namespace VoiceHelper.Grains.Speech;

/// <summary>
/// Speech synthesis as a stateless worker that streams audio back as it is produced, so that a caller can play the
/// first sentence while later ones are being synthesized.
/// </summary>
[Alias("VoiceHelper.ISpeechSynthesisGrain")]
public interface ISpeechSynthesisGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Speaks the request's text and returns mono 16-bit chunks at <see cref="SpeechSynthesisRequest.SampleRate"/>;
    /// the seconds produced are added to the tenant's usage when the stream ends or is abandoned.
    /// </summary>
    /// <exception cref="InvalidSpeechRequestException">The text, voice, language or speed is invalid.</exception>
    /// <exception cref="SpeechUnavailableException">The engine failed.</exception>
    [Alias("Synthesize")]
    IAsyncEnumerable<SpeechAudioChunk> SynthesizeAsync(
        Guid tenantId, SpeechSynthesisRequest request, CancellationToken cancellationToken = default);
}
