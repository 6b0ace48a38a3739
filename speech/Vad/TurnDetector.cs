using VoiceHelper.Speech.Audio;

namespace VoiceHelper.Speech.Vad;

/// <summary>
/// Finds the start and end of spoken turns in one 16 kHz stream with Silero VAD, as the OpenAI Realtime API's
/// <c>server_vad</c> does. A turn starts at the first window whose probability reaches the threshold, and its audio
/// begins <see cref="TurnDetectionOptions.PrefixPaddingMs"/> earlier. It ends once the windows after the last
/// speech window have stayed below the silence threshold for <see cref="TurnDetectionOptions.SilenceDurationMs"/>,
/// and its audio ends then. Not thread-safe; one detector serves one stream.
/// </summary>
public sealed class TurnDetector : IDisposable
{
    private const int SamplesPerMs = SileroVadModel.SampleRate / 1000;

    private readonly SileroVadStream _stream;
    private readonly TurnDetectionOptions _options;
    private readonly List<float> _probabilities = [];
    private readonly List<short> _turnAudio = [];
    private readonly short[] _history;
    private long _historyEnd;
    private long _received;
    private long _windowsDone;
    private long _turnStart = -1;
    private long _lastSpeechEnd;
    private long _silenceStart = -1;
    private long _lastTurnEnd;

    /// <summary>Creates a detector over its own stream of <paramref name="vad"/>.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public TurnDetector(SileroVad vad, TurnDetectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(vad);
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Turn detection options are invalid: {string.Join(" ", problems)}", nameof(options));
        }

        _options = options;
        _stream = vad.CreateStream();
        _history = new short[options.PrefixPaddingMs * SamplesPerMs + 2 * SileroVadModel.WindowSamples];
    }

    /// <summary>Whether a turn has started and not stopped.</summary>
    public bool InSpeech => _turnStart >= 0;

    /// <summary>Milliseconds of audio received since the detector started.</summary>
    public long ReceivedMs => _received / SamplesPerMs;

    /// <summary>
    /// The end of the newest window at or above the threshold in the current turn, in milliseconds from the start of
    /// the stream, so that callers can tell how long speech has lasted while the turn is still open.
    /// </summary>
    public long LastSpeechMs => _lastSpeechEnd / SamplesPerMs;

    /// <summary>The options in force.</summary>
    public TurnDetectionOptions Options => _options;

    /// <summary>Feeds 16 kHz samples and returns the turn boundaries they reveal, in order; usually none.</summary>
    public IReadOnlyList<TurnEvent> Process(ReadOnlySpan<short> samples)
    {
        var events = new List<TurnEvent>();
        Span<float> floats = stackalloc float[SileroVadModel.WindowSamples];
        // At most one window completes per slice, so the history still contains that window and its prefix.
        while (!samples.IsEmpty)
        {
            var slice = samples[..Math.Min(samples.Length, SileroVadModel.WindowSamples)];
            samples = samples[slice.Length..];
            Remember(slice);
            Pcm16.ToFloat(slice, floats);
            _probabilities.Clear();
            _stream.Process(floats[..slice.Length], _probabilities);
            foreach (var probability in _probabilities)
            {
                OnWindow(probability, events);
            }
        }

        return events;
    }

    /// <summary>Ends the stream: a turn in progress stops at the last sample received.</summary>
    public IReadOnlyList<TurnEvent> Flush()
    {
        if (!InSpeech)
        {
            return [];
        }

        return [Stop(_received, reachedMax: false)];
    }

    /// <summary>Drops a turn in progress and the held audio without an event, keeping the stream's position.</summary>
    public void Clear()
    {
        _turnStart = -1;
        _silenceStart = -1;
        _lastTurnEnd = _received;
        _turnAudio.Clear();
    }

    /// <inheritdoc/>
    public void Dispose() => _stream.Dispose();

    private void OnWindow(float probability, List<TurnEvent> events)
    {
        var windowStart = _windowsDone * SileroVadModel.WindowSamples;
        var windowEnd = windowStart + SileroVadModel.WindowSamples;
        _windowsDone++;
        if (!InSpeech)
        {
            if (probability >= _options.Threshold)
            {
                events.Add(Start(windowStart, windowEnd));
            }

            return;
        }

        if (probability >= _options.Threshold)
        {
            _lastSpeechEnd = windowEnd;
            _silenceStart = -1;
        }
        else if (probability < _options.SilenceThreshold && _silenceStart < 0)
        {
            _silenceStart = windowStart;
        }

        var silence = (long)_options.SilenceDurationMs * SamplesPerMs;
        if (_silenceStart >= 0 && windowEnd - _silenceStart >= silence)
        {
            events.Add(Stop(Math.Min(_received, _silenceStart + silence), reachedMax: false));
        }
        else if (windowEnd - _turnStart >= (long)_options.MaxTurnMs * SamplesPerMs)
        {
            events.Add(Stop(windowEnd, reachedMax: true));
        }
    }

    private TurnEvent Start(long windowStart, long windowEnd)
    {
        var historyStart = _historyEnd - _history.Length;
        // A turn's prefix never reaches back into the previous turn.
        var earliest = Math.Max(Math.Max(0, historyStart), _lastTurnEnd);
        _turnStart = Math.Max(earliest, windowStart - (long)_options.PrefixPaddingMs * SamplesPerMs);
        _lastSpeechEnd = windowEnd;
        _silenceStart = -1;
        _turnAudio.Clear();
        // The history contains the newest samples, the turn's prefix and its first window among them.
        for (var position = _turnStart; position < _historyEnd; position++)
        {
            _turnAudio.Add(_history[position % _history.Length]);
        }

        return new TurnEvent(TurnEventKind.SpeechStarted, _turnStart / SamplesPerMs);
    }

    private TurnEvent Stop(long end, bool reachedMax)
    {
        var length = (int)Math.Clamp(end - _turnStart, 0, _turnAudio.Count);
        var audio = _turnAudio.GetRange(0, length).ToArray();
        var stopped = new TurnEvent(TurnEventKind.SpeechStopped, end / SamplesPerMs, audio, reachedMax);
        _turnStart = -1;
        _silenceStart = -1;
        _lastTurnEnd = end;
        // Samples past the end of the turn stay in the history, where a next turn can take its prefix from.
        _turnAudio.Clear();
        return stopped;
    }

    private void Remember(ReadOnlySpan<short> samples)
    {
        foreach (var sample in samples)
        {
            _history[_historyEnd % _history.Length] = sample;
            _historyEnd++;
            if (InSpeech)
            {
                _turnAudio.Add(sample);
            }
        }

        _received += samples.Length;
    }
}
