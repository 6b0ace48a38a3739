using VoiceHelper.Bench.Harness;
using VoiceHelper.Bench.Inference;
using VoiceHelper.Inference.Embeddings;
using VoiceHelper.Inference.Onnx;

namespace VoiceHelper.Bench.Gpu;

/// <summary>
/// One full batch of sentence embeddings on ONNX Runtime's CUDA execution provider, against the same batch on the
/// CPU in the same process. Runs only with <c>--gpu</c>, from a build with <c>-p:OnnxRuntimeGpu=true</c>.
/// </summary>
internal sealed class GpuEmbeddingBenchmark : IBenchmark
{
    // The largest difference between a CUDA vector and a CPU vector that counts as the same result: the providers
    // add in different orders, so their floats differ in the last bits.
    private const float Tolerance = 1e-3f;

    private string[] _batch = [];
    private MiniLmEmbedder? _cuda;
    private MiniLmEmbedder? _cpu;

    public string Name => "gpu-embedding";

    public string Description =>
        "MiniLmEmbedder.Embed of 32 PostgreSQL manual page titles in one batch on the CUDA execution provider " +
        "(GPU 0)";

    public string BaselineDescription =>
        "the same batch through MiniLmEmbedder.Embed on the CPU execution provider with default threads, in the " +
        "same process";

    public IterationCounts DefaultCounts => new(Warmup: 10, Measured: 200);

    public Task SetupAsync(IterationCounts counts, CancellationToken cancellationToken)
    {
        var titles = ManualTitles.Read();
        _cpu = new MiniLmEmbedder(new MiniLmEmbedderOptions());
        _batch = [.. titles.Take(_cpu.MaxBatchSize)];
        _cuda = new MiniLmEmbedder(new MiniLmEmbedderOptions
        {
            Session = new OnnxSessionOptions { ExecutionProvider = ExecutionProvider.Cuda },
        });

        var onGpu = _cuda.Embed(_batch, cancellationToken);
        var onCpu = _cpu.Embed(_batch, cancellationToken);
        var difference = onGpu.Zip(onCpu, (gpu, cpu) => gpu.Zip(cpu, (left, right) => Math.Abs(left - right)).Max()).Max();
        Console.WriteLine($"  {_batch.Length} texts per batch; largest difference between CUDA and CPU vectors: {difference:E2}");
        if (difference > Tolerance)
        {
            throw new InvalidOperationException(
                $"The CUDA vectors differ from the CPU vectors by up to {difference:E2}, more than {Tolerance:E0}. " +
                "Check that the ONNX Runtime, CUDA and cuDNN versions match.");
        }

        return Task.CompletedTask;
    }

    public Task RunCandidateAsync(CancellationToken cancellationToken)
    {
        Ready(_cuda).Embed(_batch, cancellationToken);
        return Task.CompletedTask;
    }

    public Task RunBaselineAsync(CancellationToken cancellationToken)
    {
        Ready(_cpu).Embed(_batch, cancellationToken);
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
}
