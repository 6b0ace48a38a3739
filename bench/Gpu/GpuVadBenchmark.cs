using VoiceHelper.Bench.Harness;
using VoiceHelper.Inference.Onnx;
using VoiceHelper.Speech.Audio;
using VoiceHelper.Speech.Vad;

namespace VoiceHelper.Bench.Gpu;

/// <summary>
/// One 32 ms window of a LibriVox recording through Silero VAD on ONNX Runtime's CUDA execution provider, against
/// the same window on the CPU in the same process. Runs only with <c>--gpu</c>, from a build with
/// <c>-p:OnnxRuntimeGpu=true</c>.
/// </summary>
/// <remarks>
/// One window is a tiny model run, so this measures what a GPU silo gains or loses per stream; copying to and from
/// the device may well cost more than the run itself.
/// </remarks>
internal sealed class GpuVadBenchmark : IBenchmark
{
    private const string Recording =
        "/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0870.wav";

    private readonly List<float> _probabilities = [];
    private float[] _audio = [];
    private Detector? _cuda;
    private Detector? _cpu;

    public string Name => "gpu-vad";

    public string Description =>
        "SileroVadStream.Process of 512 new samples (32 ms at 16 kHz) of a LibriVox recording on the CUDA execution " +
        "provider (GPU 0)";

    public string BaselineDescription =>
        "the same windows through SileroVadStream.Process on the CPU execution provider with one intra-op thread, " +
        "the silo's setting, in the same process";

    public IterationCounts DefaultCounts => new(Warmup: 500, Measured: 5_000);

    public Task SetupAsync(IterationCounts counts, CancellationToken cancellationToken)
    {
        _audio = Pcm16.ToFloat(WaveFile.Read(File.ReadAllBytes(Recording)).Samples);
        _cpu = new Detector(new SileroVadOptions());
        _cuda = new Detector(new SileroVadOptions
        {
            Session = new OnnxSessionOptions { ExecutionProvider = ExecutionProvider.Cuda, IntraOpThreads = 1 },
        });
        return Task.CompletedTask;
    }

    public Task RunCandidateAsync(CancellationToken cancellationToken)
    {
        Ready(_cuda).Next(_audio, _probabilities);
        return Task.CompletedTask;
    }

    public Task RunBaselineAsync(CancellationToken cancellationToken)
    {
        Ready(_cpu).Next(_audio, _probabilities);
        return Task.CompletedTask;
    }

    public Task TeardownAsync(CancellationToken cancellationToken)
    {
        _cuda?.Dispose();
        _cpu?.Dispose();
        return Task.CompletedTask;
    }

    private static T Ready<T>(T? value) where T : class =>
        value ?? throw new InvalidOperationException("The benchmark ran an operation before its setup finished.");

    // A model with one stream that walks through the recording window by window, starting over at its end.
    private sealed class Detector(SileroVadOptions options) : IDisposable
    {
        private readonly SileroVad _vad = new(options);
        private SileroVadStream? _stream;
        private int _position;

        public void Next(float[] audio, List<float> probabilities)
        {
            _stream ??= _vad.CreateStream();
            if (_position + SileroVadModel.WindowSamples > audio.Length)
            {
                _position = 0;
                _stream.Reset();
            }

            probabilities.Clear();
            _stream.Process(audio.AsSpan(_position, SileroVadModel.WindowSamples), probabilities);
            _position += SileroVadModel.WindowSamples;
        }

        public void Dispose()
        {
            _stream?.Dispose();
            _vad.Dispose();
        }
    }
}
