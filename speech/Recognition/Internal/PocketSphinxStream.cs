namespace VoiceHelper.Speech.Recognition.Internal;

/// <summary>
/// One utterance on a decoder lent by the pool, which gets it back on dispose. The partial hypothesis is read once
/// per <paramref name="partialIntervalSamples"/> of audio, and never when that is 0.
/// </summary>
internal sealed class PocketSphinxStream(
    PocketSphinxRecognizer recognizer, PocketSphinxDecoder decoder, long partialIntervalSamples) : IRecognitionStream
{
    private long _samples;
    private long _samplesAtHypothesis;
    private string _partial = string.Empty;
    private bool _completed;
    private bool _disposed;

    public ValueTask<string?> WriteAsync(ReadOnlyMemory<short> samples, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            throw new InvalidOperationException("The utterance is complete; start a new stream for more audio.");
        }

        decoder.Process(samples.Span, cancellationToken);
        _samples += samples.Length;
        if (partialIntervalSamples == 0 || _samples - _samplesAtHypothesis < partialIntervalSamples)
        {
            return ValueTask.FromResult<string?>(null);
        }

        _samplesAtHypothesis = _samples;
        var hypothesis = decoder.Hypothesis();
        if (hypothesis == _partial)
        {
            return ValueTask.FromResult<string?>(null);
        }

        _partial = hypothesis;
        return ValueTask.FromResult<string?>(hypothesis);
    }

    public ValueTask<RecognitionResult> CompleteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            throw new InvalidOperationException("The utterance is already complete.");
        }

        _completed = true;
        var text = decoder.End();
        var duration = TimeSpan.FromSeconds(_samples / (double)PocketSphinxRecognizer.SampleRate);
        return ValueTask.FromResult(new RecognitionResult(text, duration, PocketSphinxRecognizer.EngineName, "en"));
    }

    public ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            recognizer.Return(decoder);
        }

        return ValueTask.CompletedTask;
    }
}
