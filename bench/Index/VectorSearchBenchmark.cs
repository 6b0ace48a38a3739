using System.Diagnostics;
using System.Globalization;
using VoiceHelper.Bench.Harness;
using VoiceHelper.Knowledge.Index;

namespace VoiceHelper.Bench.Index;

/// <summary>
/// One top-10 query against the HNSW index with its default options, compared with the same query run as an exact
/// search over the same vectors. Setup also measures build time, recall@10 and memory, and prints them.
/// </summary>
internal sealed class VectorSearchBenchmark : IBenchmark
{
    /// <summary>The environment variable that sets the number of indexed vectors.</summary>
    public const string VectorCountVariable = "VOICEHELPER_BENCH_VECTORS";

    /// <summary>The environment variable that sets the HNSW index's <see cref="UsearchScalarKind"/>.</summary>
    public const string ScalarKindVariable = "VOICEHELPER_BENCH_SCALAR_KIND";

    private const int DefaultVectorCount = 100_000;
    private const int Dimensions = 384;
    private const int Neighbours = 10;
    private const int QueryCount = 1000;
    private const int RecallQueryCount = 500;

    // Upserts of this many vectors at a time, like a bulk import of documents.
    private const int UpsertBatchSize = 10_000;

    private float[][] _queries = [];
    private ExactVectorIndex? _exact;
    private UsearchVectorIndex? _approximate;
    private int _nextCandidateQuery;
    private int _nextBaselineQuery;

    public string Name => "vector-search";

    public string Description =>
        $"UsearchVectorIndex.Search for the 10 nearest of {VectorCountVariable} (default {DefaultVectorCount:N0}) " +
        "synthetic 384-dimensional embeddings, default options except the scalar kind, which " +
        $"{ScalarKindVariable} sets (default Float16)";

    public string BaselineDescription =>
        "ExactVectorIndex.Search over the same vectors: a dot product with every vector, the cost that an index " +
        "exists to avoid";

    public IterationCounts DefaultCounts => new(Warmup: 200, Measured: 1000);

    // NOTE: Setup runs synchronously, so the harness's setup timeout, which bounds the awaited task, never stops
    // it. Building the HNSW index takes minutes at 100,000 vectors on 2 vCPUs and longer beyond.
    public Task SetupAsync(IterationCounts counts, CancellationToken cancellationToken)
    {
        var vectorCount = ReadVectorCount();
        var options = new UsearchIndexOptions { ScalarKind = ReadScalarKind() };
        var entries = SyntheticEmbeddings.Generate(vectorCount, Dimensions, seed: 1)
            .Select((vector, position) => ((ulong)position, vector))
            .ToArray();
        _queries = SyntheticEmbeddings.Generate(QueryCount, Dimensions, seed: 2);

        // The HNSW index is built first, while the managed heap contains little garbage that a collection could
        // return to the system during the build and so hide part of the index's memory.
        var memoryBefore = ResidentMemoryAfterCollection();
        var approximateBuild = Stopwatch.StartNew();
        _approximate = new UsearchVectorIndex(options);
        foreach (var batch in entries.Chunk(UpsertBatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            _approximate.Upsert(batch);
        }

        approximateBuild.Stop();
        var memoryAfter = ResidentMemoryAfterCollection();

        var exactBuild = Stopwatch.StartNew();
        _exact = new ExactVectorIndex(Dimensions);
        _exact.Upsert(entries);
        exactBuild.Stop();

        var recall = MeasureRecall(_exact, _approximate, _queries.Take(RecallQueryCount).ToArray());
        PrintSetup(vectorCount, options.ScalarKind, exactBuild.Elapsed, approximateBuild.Elapsed, recall,
            memoryAfter - memoryBefore);
        return Task.CompletedTask;
    }

    public Task RunCandidateAsync(CancellationToken cancellationToken)
    {
        var query = _queries[_nextCandidateQuery++ % _queries.Length];
        Ready(_approximate).Search(query, Neighbours);
        return Task.CompletedTask;
    }

    public Task RunBaselineAsync(CancellationToken cancellationToken)
    {
        var query = _queries[_nextBaselineQuery++ % _queries.Length];
        Ready(_exact).Search(query, Neighbours);
        return Task.CompletedTask;
    }

    public Task TeardownAsync(CancellationToken cancellationToken)
    {
        _approximate?.Dispose();
        _exact?.Dispose();
        return Task.CompletedTask;
    }

    private static int ReadVectorCount()
    {
        var text = Environment.GetEnvironmentVariable(VectorCountVariable);
        if (string.IsNullOrEmpty(text))
        {
            return DefaultVectorCount;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1000)
        {
            throw new BenchmarkConfigurationException(
                $"{VectorCountVariable} must be an integer of at least 1000, but was '{text}'.");
        }

        return count;
    }

    private static UsearchScalarKind ReadScalarKind()
    {
        var text = Environment.GetEnvironmentVariable(ScalarKindVariable);
        if (string.IsNullOrEmpty(text))
        {
            return new UsearchIndexOptions().ScalarKind;
        }

        if (!Enum.TryParse<UsearchScalarKind>(text, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
        {
            throw new BenchmarkConfigurationException(
                $"{ScalarKindVariable} must be one of {string.Join(", ", Enum.GetNames<UsearchScalarKind>())}, " +
                $"but was '{text}'.");
        }

        return kind;
    }

    // Exact searches for hundreds of queries take seconds at a million vectors, so they run on every core.
    private static double MeasureRecall(ExactVectorIndex exact, UsearchVectorIndex approximate, float[][] queries)
    {
        var found = 0;
        Parallel.ForEach(queries, query =>
        {
            var expected = exact.Search(query, Neighbours).Select(match => match.Key).ToHashSet();
            var hits = approximate.Search(query, Neighbours).Count(match => expected.Contains(match.Key));
            Interlocked.Add(ref found, hits);
        });

        return (double)found / (queries.Length * Neighbours);
    }

    // Resident anonymous memory from /proc/self/status on Linux, which counts the pages that USearch touched but not
    // the capacity it reserved and left untouched. Elsewhere the working set, which also counts mapped files.
    private static long ResidentMemoryAfterCollection()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        const string statusFile = "/proc/self/status";
        if (File.Exists(statusFile))
        {
            var line = File.ReadLines(statusFile).FirstOrDefault(line => line.StartsWith("RssAnon:", StringComparison.Ordinal));
            if (line is not null)
            {
                var kilobytes = line["RssAnon:".Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }

        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    private void PrintSetup(
        int vectorCount,
        UsearchScalarKind scalarKind,
        TimeSpan exactBuild,
        TimeSpan approximateBuild,
        double recall,
        long growth)
    {
        var index = Ready(_approximate);
        var native = index.MemoryUsageBytes;
        var perMillion = 1_000_000.0 / vectorCount;
        Console.WriteLine(
            $"{Name}: {vectorCount:N0} vectors of {Dimensions} dimensions stored as {scalarKind}, " +
            $"{QueryCount} queries");
        Console.WriteLine($"  exact index built in {exactBuild.TotalSeconds:0.0} s");
        Console.WriteLine(
            $"  HNSW index built in {approximateBuild.TotalSeconds:0.0} s " +
            $"({vectorCount / approximateBuild.TotalSeconds:0} vectors/s on {Environment.ProcessorCount} processors)");
        Console.WriteLine($"  recall@10 of HNSW against exact search over {RecallQueryCount} queries: {recall:0.0000}");
        Console.WriteLine(
            $"  HNSW memory: {native / 1e6:0} MB reported by USearch for a capacity of {index.Capacity:N0} vectors, " +
            $"resident memory +{growth / 1e6:0} MB ({growth * perMillion / 1e6:0} MB per million vectors)");
    }

    private static T Ready<T>(T? value) where T : class =>
        value ?? throw new InvalidOperationException("The benchmark ran an operation before its setup finished.");
}
