using VoiceHelper.Bench.Harness;
using VoiceHelper.Inference.Batching;
using VoiceHelper.Inference.Embeddings;

namespace VoiceHelper.Bench.Inference;

/// <summary>
/// Many concurrent single-query embedding requests served by <see cref="EmbeddingBatcher"/>, against the same queries
/// run one at a time, one ONNX Runtime run each, as the stateless-worker embedding grain ran them. Teardown prints the
/// candidate's texts per model run.
/// </summary>
internal sealed class EmbeddingBatchingBenchmark : IBenchmark
{
    private EmbeddingBatchingSettings _settings = new(EmbeddingBatchingSettings.DefaultRequests, false, 1);
    private IReadOnlyList<string> _titles = [];
    private MiniLmEmbedder? _embedder;
    private EmbeddingBatcher? _batcher;
    private int _nextTitle;
    private long _candidateRuns;
    private long _candidateRequests;

    public string Name => "embedding-batching";

    public string Description =>
        $"{EmbeddingBatchingSettings.RequestsVariable} (default {EmbeddingBatchingSettings.DefaultRequests}) " +
        "concurrent requests of one query each (PostgreSQL manual page titles) through EmbeddingBatcher with default " +
        $"options, except MaxConcurrentBatches from {EmbeddingBatchingSettings.ConcurrentBatchesVariable} (default 1)";

    public string BaselineDescription =>
        "the same queries through MiniLmEmbedder.Embed, one ONNX Runtime run per query: one after the other, or all " +
        $"at once on the thread pool when {EmbeddingBatchingSettings.BaselineVariable}=concurrent";

    public IterationCounts DefaultCounts => new(Warmup: 5, Measured: 40);

    public Task SetupAsync(IterationCounts counts, CancellationToken cancellationToken)
    {
        _settings = EmbeddingBatchingSettings.Read();
        _titles = ManualTitles.Read();
        _embedder = new MiniLmEmbedder(new MiniLmEmbedderOptions());
        _batcher = new EmbeddingBatcher(_embedder, new EmbeddingBatcherOptions
        {
            MaxConcurrentBatches = _settings.ConcurrentBatches,
        });
        Console.WriteLine(
            $"  {_titles.Count} distinct queries, {_settings.Requests} per operation, baseline " +
            $"{(_settings.ConcurrentBaseline ? "concurrent" : "sequential")}, {_settings.ConcurrentBatches} concurrent batch(es), " +
            $"{Environment.ProcessorCount} logical CPUs");
        return Task.CompletedTask;
    }

    public async Task RunCandidateAsync(CancellationToken cancellationToken)
    {
        var batcher = _batcher ?? throw new InvalidOperationException("Setup has not run.");
        var queries = NextQueries();
        var runsBefore = batcher.Embedder.Session.RunCount;
        await Task.WhenAll(queries.Select(query => batcher.EmbedAsync([query], cancellationToken: cancellationToken)));
        _candidateRuns += batcher.Embedder.Session.RunCount - runsBefore;
        _candidateRequests += queries.Length;
    }

    public Task RunBaselineAsync(CancellationToken cancellationToken)
    {
        var embedder = _embedder ?? throw new InvalidOperationException("Setup has not run.");
        var queries = NextQueries();
        if (_settings.ConcurrentBaseline)
        {
            return Task.WhenAll(queries.Select(query => Task.Run(() => embedder.Embed([query]), cancellationToken)));
        }

        // The runs block their thread, so the loop leaves the caller's thread and the runner's timeout can fire.
        return Task.Run(() =>
        {
            foreach (var query in queries)
            {
                embedder.Embed([query], cancellationToken);
            }
        }, cancellationToken);
    }

    public Task TeardownAsync(CancellationToken cancellationToken)
    {
        if (_candidateRuns > 0)
        {
            Console.WriteLine(
                $"  candidate: {_candidateRequests} requests in {_candidateRuns} model runs, " +
                $"{(double)_candidateRequests / _candidateRuns:F1} texts per run on average");
        }

        // The batcher first, because it lets its running batch finish before the session closes.
        _batcher?.Dispose();
        _embedder?.Dispose();
        return Task.CompletedTask;
    }

    private string[] NextQueries()
    {
        var queries = new string[_settings.Requests];
        for (var i = 0; i < queries.Length; i++)
        {
            queries[i] = _titles[_nextTitle++ % _titles.Count];
        }

        return queries;
    }
}
