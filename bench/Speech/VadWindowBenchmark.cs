using Microsoft.ML.OnnxRuntime;
using VoiceHelper.Bench.Harness;
using VoiceHelper.Speech.Audio;
using VoiceHelper.Speech.Vad;

namespace VoiceHelper.Bench.Speech;

/// <summary>
/// One 32 ms window of a LibriVox recording through a <see cref="SileroVadStream"/>, compared with one bare
/// ONNX Runtime run of the same model on pre-bound tensors, which is the floor of any per-window detector.
/// </summary>
internal sealed class VadWindowBenchmark : IBenchmark
{
    private const string Recording =
        "/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0870.wav";

    private readonly List<float> _probabilities = [];
    private SileroVad? _vad;
    private SileroVadStream? _stream;
    private float[] _audio = [];
    private int _position;
    private RawRun? _raw;

    public string Name => "vad-window";

    public string Description =>
        "SileroVadStream.Process of 512 new samples (32 ms at 16 kHz) of a LibriVox recording: copy, 64-sample context, " +
        "state carried from the previous window, one model run, one intra-op thread";

    public string BaselineDescription =>
        "InferenceSession.Run of the same session on tensors bound once to fixed arrays, without context or state " +
        "bookkeeping: the model's own cost per window";

    public IterationCounts DefaultCounts => new(Warmup: 500, Measured: 5_000);

    public Task SetupAsync(IterationCounts counts, CancellationToken cancellationToken)
    {
        _vad = new SileroVad(new SileroVadOptions());
        _stream = _vad.CreateStream();
        _audio = Pcm16.ToFloat(WaveFile.Read(File.ReadAllBytes(Recording)).Samples);
        _raw = new RawRun(_vad.Session);
        return Task.CompletedTask;
    }

    public Task RunCandidateAsync(CancellationToken cancellationToken)
    {
        if (_position + SileroVadModel.WindowSamples > _audio.Length)
        {
            _position = 0;
            _stream!.Reset();
        }

        _probabilities.Clear();
        _stream!.Process(_audio.AsSpan(_position, SileroVadModel.WindowSamples), _probabilities);
        _position += SileroVadModel.WindowSamples;
        return Task.CompletedTask;
    }

    public Task RunBaselineAsync(CancellationToken cancellationToken)
    {
        _raw!.Run();
        return Task.CompletedTask;
    }

    public Task TeardownAsync(CancellationToken cancellationToken)
    {
        _stream?.Dispose();
        _raw?.Dispose();
        _vad?.Dispose();
        return Task.CompletedTask;
    }

    private sealed class RawRun : IDisposable
    {
        private static readonly string[] InputNames = ["input", "state", "sr"];
        private static readonly string[] OutputNames = ["output", "stateN"];

        private readonly InferenceSession _session;
        private readonly OrtValue[] _inputs;
        private readonly OrtValue[] _outputs;
        private readonly Microsoft.ML.OnnxRuntime.RunOptions _options = new();

        public RawRun(InferenceSession session)
        {
            _session = session;
            _inputs =
            [
                OrtValue.CreateTensorValueFromMemory(new float[576], [1, 576]),
                OrtValue.CreateTensorValueFromMemory(new float[256], [2, 1, 128]),
                OrtValue.CreateTensorValueFromMemory(new long[] { 16_000 }, []),
            ];
            _outputs =
            [
                OrtValue.CreateTensorValueFromMemory(new float[1], [1, 1]),
                OrtValue.CreateTensorValueFromMemory(new float[256], [2, 1, 128]),
            ];
        }

        public void Run() => _session.Run(_options, InputNames, _inputs, OutputNames, _outputs);

        public void Dispose()
        {
            foreach (var value in _inputs.Concat(_outputs))
            {
                value.Dispose();
            }

            _options.Dispose();
        }
    }
}
