using VoiceHelper.Bench.Conversations;
using VoiceHelper.Bench.Gateway;
using VoiceHelper.Bench.Gpu;
using VoiceHelper.Bench.Harness;
using VoiceHelper.Bench.Index;
using VoiceHelper.Bench.Inference;
using VoiceHelper.Bench.Knowledge;
using VoiceHelper.Bench.Speech;
using VoiceHelper.Bench.Voice;

namespace VoiceHelper.Bench;

/// <summary>Every benchmark of the program, in the order they run.</summary>
internal static class BenchmarkCatalog
{
    /// <summary>Creates the benchmarks; their constructors start nothing, so listing them is cheap.</summary>
    public static IReadOnlyList<IBenchmark> CreateAll() =>
    [
        new ConversationMessageBenchmark(),
        new ConversationGatewayBenchmark(),
        new ClusterScalingBenchmark(),
        new VectorSearchBenchmark(),
        new IngestionBenchmark(),
        new EmbeddingBatchingBenchmark(),
        new VadWindowBenchmark(),
        new RecognitionBenchmark(),
        new VoiceTurnBenchmark(),
        new RealtimeCapacityBenchmark(),
    ];

    /// <summary>The benchmarks that compare ONNX Runtime's CUDA execution provider with its CPU one.</summary>
    public static IReadOnlyList<IBenchmark> CreateGpu() =>
    [
        new GpuEmbeddingBenchmark(),
        new GpuVadBenchmark(),
    ];

    /// <summary>
    /// Returns the benchmarks whose name contains <paramref name="filter"/>, ignoring case, or all of them when the
    /// filter is null: among the GPU benchmarks when <paramref name="gpu"/> is true, else among the others.
    /// </summary>
    public static IReadOnlyList<IBenchmark> Select(string? filter, bool gpu = false) =>
        (gpu ? CreateGpu() : CreateAll())
            .Where(benchmark => filter is null || benchmark.Name.Contains(filter, StringComparison.OrdinalIgnoreCase))
            .ToList();
}
