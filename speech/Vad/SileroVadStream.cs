using Microsoft.ML.OnnxRuntime;

namespace VoiceHelper.Speech.Vad;

/// <summary>
/// The voice activity state of one audio stream on a shared <see cref="SileroVad"/>: the model's recurrent state,
/// the last 64 samples of the previous window, and the samples that do not fill a window yet. Not thread-safe: one
/// caller feeds a stream at a time. The tensors are bound once to arrays of this object, so a window allocates
/// nothing but ONNX Runtime's own work buffers.
/// </summary>
public sealed class SileroVadStream : IDisposable
{
    private const int InputLength = SileroVadModel.ContextSamples + SileroVadModel.WindowSamples;

    private static readonly string[] InputNames = [SileroVad.InputName, SileroVad.StateName, SileroVad.SampleRateName];
    private static readonly string[] OutputNames = [SileroVad.OutputName, SileroVad.StateOutputName];

    private readonly SileroVad _vad;
    private readonly float[] _input = new float[InputLength];
    private readonly float[] _state = new float[SileroVadModel.StateLength];
    private readonly float[] _nextState = new float[SileroVadModel.StateLength];
    private readonly float[] _probability = new float[1];
    private readonly long[] _sampleRate = [SileroVadModel.SampleRate];
    private readonly OrtValue[] _inputs;
    private readonly OrtValue[] _outputs;
    private readonly RunOptions _runOptions = new();
    private int _pending;
    private bool _disposed;

    internal SileroVadStream(SileroVad vad)
    {
        _vad = vad;
        _inputs =
        [
            OrtValue.CreateTensorValueFromMemory(_input, [1, InputLength]),
            OrtValue.CreateTensorValueFromMemory(_state, [2, 1, 128]),
            OrtValue.CreateTensorValueFromMemory(_sampleRate, []),
        ];
        _outputs =
        [
            OrtValue.CreateTensorValueFromMemory(_probability, [1, 1]),
            OrtValue.CreateTensorValueFromMemory(_nextState, [2, 1, 128]),
        ];
    }

    /// <summary>The number of whole windows processed since the stream started or was reset.</summary>
    public long WindowCount { get; private set; }

    /// <summary>
    /// Feeds 16 kHz samples in [-1, 1) and adds the speech probability of each window they complete to
    /// <paramref name="probabilities"/>. Samples that do not complete a window wait for the next call.
    /// </summary>
    public void Process(ReadOnlySpan<float> samples, List<float> probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (!samples.IsEmpty)
        {
            var take = Math.Min(samples.Length, SileroVadModel.WindowSamples - _pending);
            samples[..take].CopyTo(_input.AsSpan(SileroVadModel.ContextSamples + _pending));
            _pending += take;
            samples = samples[take..];
            if (_pending == SileroVadModel.WindowSamples)
            {
                probabilities.Add(RunWindow());
            }
        }
    }

    /// <summary>Pads a partial window with silence and adds its probability; does nothing without one.</summary>
    public void Flush(List<float> probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        if (_pending == 0)
        {
            return;
        }

        _input.AsSpan(SileroVadModel.ContextSamples + _pending).Clear();
        _pending = SileroVadModel.WindowSamples;
        probabilities.Add(RunWindow());
    }

    /// <summary>Clears the state, as for a new stream.</summary>
    public void Reset()
    {
        Array.Clear(_input);
        Array.Clear(_state);
        _pending = 0;
        WindowCount = 0;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var value in _inputs.Concat(_outputs))
        {
            value.Dispose();
        }

        _runOptions.Dispose();
    }

    private float RunWindow()
    {
        _vad.Session.Run(_runOptions, InputNames, _inputs, OutputNames, _outputs);
        _nextState.CopyTo(_state, 0);
        // The last 64 samples of this window are the context of the next.
        _input.AsSpan(InputLength - SileroVadModel.ContextSamples).CopyTo(_input);
        _pending = 0;
        WindowCount++;
        return _probability[0];
    }
}
