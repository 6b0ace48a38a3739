using System.Globalization;
using VoiceHelper.Bench.Harness;

namespace VoiceHelper.Bench.Inference;

/// <summary>The environment variables that vary <see cref="EmbeddingBatchingBenchmark"/>.</summary>
internal sealed record EmbeddingBatchingSettings(int Requests, bool ConcurrentBaseline, int ConcurrentBatches)
{
    public const string RequestsVariable = "VOICEHELPER_BENCH_EMBED_REQUESTS";
    public const string BaselineVariable = "VOICEHELPER_BENCH_EMBED_BASELINE";
    public const string ConcurrentBatchesVariable = "VOICEHELPER_BENCH_EMBED_CONCURRENT_BATCHES";

    public const int DefaultRequests = 32;

    /// <summary>Reads the variables; an unset one takes its default.</summary>
    /// <exception cref="BenchmarkConfigurationException">A variable has an invalid value.</exception>
    public static EmbeddingBatchingSettings Read() => new(
        ReadInteger(RequestsVariable, DefaultRequests, 1, 4096),
        ReadBaseline(),
        ReadInteger(ConcurrentBatchesVariable, 1, 1, 16));

    private static bool ReadBaseline() =>
        Environment.GetEnvironmentVariable(BaselineVariable) switch
        {
            null or "" or "sequential" => false,
            "concurrent" => true,
            var other => throw new BenchmarkConfigurationException(
                $"{BaselineVariable} must be 'sequential' or 'concurrent', but was '{other}'."),
        };

    private static int ReadInteger(string variable, int defaultValue, int min, int max)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(text))
        {
            return defaultValue;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new BenchmarkConfigurationException(
                $"{variable} must be an integer from {min} to {max}, but was '{text}'.");
        }

        return value;
    }
}
