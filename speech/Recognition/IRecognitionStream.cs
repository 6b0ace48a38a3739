namespace VoiceHelper.Speech.Recognition;

/// <summary>One utterance being recognized. Not thread-safe: one caller writes, then completes, then disposes.</summary>
public interface IRecognitionStream : IAsyncDisposable
{
    /// <summary>
    /// Adds the next chunk of 16 kHz samples. Returns the new partial transcript when the engine produces partials and
    /// the text changed, otherwise null.
    /// </summary>
    ValueTask<string?> WriteAsync(ReadOnlyMemory<short> samples, CancellationToken cancellationToken);

    /// <summary>Ends the utterance and returns the final transcript. A stream completes once.</summary>
    /// <exception cref="SpeechEngineException">The engine failed.</exception>
    ValueTask<RecognitionResult> CompleteAsync(CancellationToken cancellationToken);
}
