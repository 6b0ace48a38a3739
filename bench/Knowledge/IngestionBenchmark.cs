using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using VoiceHelper.Bench.Database;
using VoiceHelper.Bench.Harness;
using VoiceHelper.Grains.Knowledge;

namespace VoiceHelper.Bench.Knowledge;

/// <summary>
/// Knowledge-base ingestion of real manual pages through the grains, from the first upload until every document is
/// indexed, compared with a bare ONNX Runtime session embedding the same chunk texts in the same batches. One
/// operation is a whole round over the page set, so each side's chunks per second are the round's chunks over its
/// time.
/// </summary>
internal sealed class IngestionBenchmark : IBenchmark
{
    // A round takes seconds, so setup rejects a run of more rounds than this, which would take hours.
    private const int MaxRounds = 50;

    // Teardown waits this long for ingestion that outlived its round, within the runner's teardown limit of 1 minute.
    private static readonly TimeSpan UnfinishedIngestionWait = TimeSpan.FromSeconds(40);

    private readonly List<IngestionRound> _candidateRounds = [];
    private readonly List<IngestionRound> _baselineRounds = [];
    private int _warmupRounds;
    private NpgsqlDataSource? _dataSource;
    private KnowledgeBenchCluster? _cluster;
    private Guid? _tenantId;
    private GrainIngestion? _ingestion;
    private RawEmbeddingBaseline? _baseline;

    public string Name => "ingestion";

    public string Description =>
        $"{IngestionSettings.PageCountVariable} (default {IngestionSettings.DefaultPageCount}) PostgreSQL manual " +
        "pages uploaded through IKnowledgeBaseGrain.AddDocumentAsync into a new knowledge base, until all are " +
        "indexed: parse, chunk, store chunks, embed in batches through IEmbeddingGrain, store vectors, add to shards";

    public string BaselineDescription =>
        "the same chunk texts in the same batches of Knowledge:EmbeddingBatchSize (default 32), tokenized with " +
        "MiniLmTokenizer.EncodeBatch and run by one caller through MiniLmSession.Embed of an ONNX Runtime session " +
        "with the default options, nothing stored";

    public IterationCounts DefaultCounts => new(Warmup: 1, Measured: 5);

    public async Task SetupAsync(IterationCounts counts, CancellationToken cancellationToken)
    {
        CheckRoundCount(counts);
        _warmupRounds = counts.Warmup;
        var settings = IngestionSettings.Read();
        var pages = PostgresManualPages.Select(settings.PageCount);
        var connectionString = BenchDatabase.ConnectionString;
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _tenantId = await BenchDatabase.CreateTenantAsync(_dataSource, "bench-ingestion", cancellationToken);
        _cluster = await KnowledgeBenchCluster.StartAsync(connectionString, settings.SiloConfiguration());
        _ingestion = new GrainIngestion(_cluster.Client, _tenantId.Value, pages);

        // The seed round loads the model and JIT-compiles the path. Its chunks are the texts that the baseline embeds.
        var seedTime = Stopwatch.StartNew();
        var seed = await _ingestion.IngestAsync(cancellationToken);
        seedTime.Stop();
        var batchSize = _cluster.SiloServices.GetRequiredService<IOptions<KnowledgeOptions>>().Value.EmbeddingBatchSize;
        var batches = await EmbeddedChunkTexts.LoadBatchesAsync(_dataSource, seed, pages, batchSize, cancellationToken);
        _baseline = new RawEmbeddingBaseline(batches);
        CheckChunkCount(seed.ChunkCount);
        PrintSetup(settings, pages, seed, seedTime.Elapsed, _baseline);
    }

    public async Task RunCandidateAsync(CancellationToken cancellationToken)
    {
        var ingestion = Ready(_ingestion);
        var (start, cpuStart) = (Stopwatch.GetTimestamp(), Environment.CpuUsage.TotalTime);
        var knowledgeBase = await ingestion.IngestAsync(cancellationToken);
        var round = new IngestionRound(Stopwatch.GetElapsedTime(start), Environment.CpuUsage.TotalTime - cpuStart,
            knowledgeBase.ChunkCount, DocumentStepTotals.Sum(knowledgeBase.Documents));
        _candidateRounds.Add(round);
        CheckChunkCount(knowledgeBase.ChunkCount);
    }

    public async Task RunBaselineAsync(CancellationToken cancellationToken)
    {
        var baseline = Ready(_baseline);
        var (start, cpuStart) = (Stopwatch.GetTimestamp(), Environment.CpuUsage.TotalTime);
        await baseline.RunAsync(cancellationToken);
        _baselineRounds.Add(new IngestionRound(Stopwatch.GetElapsedTime(start),
            Environment.CpuUsage.TotalTime - cpuStart, baseline.ChunkCount, StepTotals: null));
    }

    public async Task TeardownAsync(CancellationToken cancellationToken)
    {
        IngestionReport.Print(_candidateRounds, _baselineRounds, _warmupRounds);
        if (_baseline is not null)
        {
            await _baseline.DisposeAsync();
        }

        try
        {
            await WaitForUnfinishedIngestionAsync();
            if (_cluster is not null)
            {
                await _cluster.DisposeAsync();
            }
        }
        finally
        {
            await DeleteRowsAsync(cancellationToken);
        }
    }

    /// <exception cref="InvalidOperationException">The run has more than <see cref="MaxRounds"/> rounds.</exception>
    private static void CheckRoundCount(IterationCounts counts)
    {
        var rounds = counts.Measured + counts.Warmup;
        if (rounds > MaxRounds)
        {
            throw new InvalidOperationException(
                $"The ingestion benchmark runs one round of pages per iteration, seconds each, so {rounds} warm-up " +
                $"and measured iterations would take hours. Run it with at most {MaxRounds} in all, for " +
                "example '--filter ingestion --iterations 5 --warmup 1'.");
        }
    }

    private void CheckChunkCount(int chunkCount)
    {
        var expected = Ready(_baseline).ChunkCount;
        if (chunkCount != expected)
        {
            throw new InvalidOperationException(
                $"A round ingested {chunkCount} chunks, but the seed round's pages gave {expected}. The chunker must " +
                "cut the same pages the same way every round for the two sides to be compared.");
        }
    }

    // A round past the runner's timeout, or stopped by Ctrl+C, goes on in the silo. Stopping the silo under it could
    // dispose the embedder's session during a model run, which crashes the process (see RawEmbeddingBaseline).
    private async Task WaitForUnfinishedIngestionAsync()
    {
        if (_dataSource is null || _tenantId is not { } tenantId || _cluster is null)
        {
            return;
        }

        var unfinished = await UnfinishedDocuments.WaitAsync(_dataSource, tenantId, UnfinishedIngestionWait);
        if (unfinished > 0)
        {
            await Console.Error.WriteLineAsync(
                $"{unfinished} documents of the ingestion benchmark were still being ingested after " +
                $"{UnfinishedIngestionWait.TotalSeconds:0} s. Stopping the silo now can crash the process.");
        }
    }

    private static void PrintSetup(
        IngestionSettings settings, IReadOnlyList<ManualPage> pages, IngestedKnowledgeBase seed, TimeSpan seedTime,
        RawEmbeddingBaseline baseline)
    {
        var (tokens, paddedTokens) = baseline.CountTokens();
        Console.WriteLine(
            $"ingestion: {pages.Count} pages ({pages.Sum(page => page.Content.Length):N0} bytes of HTML), " +
            $"{seed.ChunkCount} chunks in {baseline.BatchCount} batches, {tokens:N0} tokens " +
            $"({paddedTokens:N0} with padding); seed round {seedTime.TotalSeconds:0.0} s; " +
            $"MaxConcurrentIngestions {Describe(settings.MaxConcurrentIngestions)}, " +
            $"IntraOpThreads {Describe(settings.IntraOpThreads)}");
    }

    private static string Describe(int? setting) => setting?.ToString() ?? "default";

    private async Task DeleteRowsAsync(CancellationToken cancellationToken)
    {
        if (_dataSource is null)
        {
            return;
        }

        await using var dataSource = _dataSource;
        if (_tenantId is { } tenantId)
        {
            // The schema's cascades delete the tenant's knowledge bases, documents and chunks.
            await BenchDatabase.DeleteTenantAsync(dataSource, tenantId, cancellationToken);
        }

        if (_cluster is not null)
        {
            await BenchDatabase.DeleteGrainStateAsync(dataSource, _cluster.ServiceId, cancellationToken);
        }
    }

    private static T Ready<T>(T? value) where T : class =>
        value ?? throw new InvalidOperationException("The benchmark ran an operation before its setup finished.");
}
