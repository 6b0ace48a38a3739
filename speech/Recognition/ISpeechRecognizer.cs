namespace VoiceHelper.Speech.Recognition;

/// <summary>
/// A speech recognizer. Audio goes in as 16 kHz mono 16-bit PCM, either in chunks through a stream from
/// <see cref="StartStreamAsync"/> or as a whole clip through <see cref="RecognizeAsync"/>. Implementations are
/// thread-safe: one instance serves every caller of a process.
/// </summary>
public interface ISpeechRecognizer
{
    /// <summary>The engine's name for logs and responses, such as <c>pocketsphinx</c>.</summary>
    string Name { get; }

    /// <summary>Whether streams report partial transcripts while audio arrives.</summary>
    bool ProducesPartials { get; }

    /// <summary>
    /// Starts recognizing one utterance. The stream may hold an engine resource until disposed, such as a decoder of
    /// a pool, so dispose it as soon as the utterance ends.
    /// </summary>
    /// <exception cref="SpeechEngineException">The engine is unavailable or has no capacity within the wait limit.</exception>
    ValueTask<IRecognitionStream> StartStreamAsync(RecognitionOptions options, CancellationToken cancellationToken);

    /// <summary>Recognizes a whole utterance of 16 kHz samples.</summary>
    /// <exception cref="SpeechEngineException">The engine failed or is unavailable.</exception>
    Task<RecognitionResult> RecognizeAsync(
        ReadOnlyMemory<short> samples, RecognitionOptions options, CancellationToken cancellationToken);
}
