using System.Globalization;
using VoiceHelper.Bench.Harness;
using VoiceHelper.Grains.Knowledge;
using VoiceHelper.Inference.Embeddings;

namespace VoiceHelper.Bench.Knowledge;

/// <summary>
/// The settings of the ingestion benchmark, read from environment variables: how many manual pages a round
/// ingests, and the silo settings that bound its concurrency. A silo setting that is not set keeps the product's
/// default.
/// </summary>
internal sealed record IngestionSettings(int PageCount, int? MaxConcurrentIngestions, int? IntraOpThreads)
{
    /// <summary>The environment variable that sets the number of manual pages per round.</summary>
    public const string PageCountVariable = "VOICEHELPER_BENCH_PAGES";

    /// <summary>The environment variable that sets <see cref="KnowledgeOptions.MaxConcurrentIngestions"/>.</summary>
    public const string ConcurrentIngestionsVariable = "VOICEHELPER_BENCH_INGESTIONS";

    /// <summary>The environment variable that sets the intra-op threads of the silo's embedding session.</summary>
    public const string IntraOpThreadsVariable = "VOICEHELPER_BENCH_INTRA_OP_THREADS";

    /// <summary>The number of pages per round when <see cref="PageCountVariable"/> is not set.</summary>
    public const int DefaultPageCount = 20;

    /// <exception cref="BenchmarkConfigurationException">A variable is set to an invalid value.</exception>
    public static IngestionSettings Read() => new(
        ReadInteger(PageCountVariable, minimum: 1, maximum: 1000) ?? DefaultPageCount,
        ReadInteger(ConcurrentIngestionsVariable, minimum: 1, maximum: 64),
        ReadInteger(IntraOpThreadsVariable, minimum: 0, maximum: 1024));

    /// <summary>Returns the silo configuration keys and values that override the product's defaults.</summary>
    public IReadOnlyDictionary<string, string> SiloConfiguration()
    {
        var configuration = new Dictionary<string, string>();
        if (MaxConcurrentIngestions is { } ingestions)
        {
            configuration[$"{KnowledgeOptions.SectionName}:{nameof(KnowledgeOptions.MaxConcurrentIngestions)}"] =
                ingestions.ToString(CultureInfo.InvariantCulture);
        }

        if (IntraOpThreads is { } threads)
        {
            configuration[$"{MiniLmEmbedderOptions.SectionName}:Session:IntraOpThreads"] =
                threads.ToString(CultureInfo.InvariantCulture);
        }

        return configuration;
    }

    private static int? ReadInteger(string variable, int minimum, int maximum)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            || value < minimum || value > maximum)
        {
            throw new BenchmarkConfigurationException(
                $"{variable} must be an integer from {minimum} to {maximum}, but was '{text}'.");
        }

        return value;
    }
}
