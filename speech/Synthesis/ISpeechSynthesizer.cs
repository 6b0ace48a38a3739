using VoiceHelper.Speech.Audio;

namespace VoiceHelper.Speech.Synthesis;

/// <summary>
/// A speech synthesizer that streams mono 16-bit PCM as it is produced. Implementations are thread-safe: one instance
/// serves every caller of a process.
/// </summary>
public interface ISpeechSynthesizer
{
    /// <summary>The engine's name for logs and responses, such as <c>espeak-ng</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Speaks <see cref="SynthesisRequest.Text"/> and returns its audio in chunks, in order. Each chunk carries its
    /// sample rate; callers that need another rate resample.
    /// </summary>
    /// <exception cref="ArgumentException">The request names a voice or language that the engine lacks.</exception>
    /// <exception cref="SpeechEngineException">The engine failed or is unavailable.</exception>
    IAsyncEnumerable<AudioClip> SynthesizeAsync(SynthesisRequest request, CancellationToken cancellationToken);
}
