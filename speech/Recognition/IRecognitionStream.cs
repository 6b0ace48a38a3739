namespace VoiceHelper.Speech.Recognition;

/// <summary>One utterance being recognized. Not thread-safe: one caller writes, then completes, then disposes.</summary>
public interface IRecognitionStream : IAsyncDisposable
{
    /// <summary>
    /// Adds the next chunk of 16 kHz samples. Returns the whole partial transcript so far when the engine produces
    /// partials, checked for one, and found the text changed; otherwise null. A later partial may revise words of
    /// an earlier one.
    /// </summary>
    ValueTask<string?> WriteAsync(ReadOnlyMemory<short> samples, CancellationToken cancellationToken);

    /// <summary>Ends the utterance and returns the final transcript. A stream completes once.</summary>
    /// <exception cref="SpeechEngineException">The engine failed.</exception>
    ValueTask<RecognitionResult> CompleteAsync(CancellationToken cancellationToken);
}
