using VoiceHelper.Inference.Embeddings;

namespace VoiceHelper.Bench.Knowledge;

/// <summary>
/// The baseline side: an ONNX Runtime session of the embedding model with the default options, which tokenizes
/// each batch and runs it from one calling thread, one batch after the other, with nothing stored.
/// </summary>
/// <remarks>
/// It has a session of its own, so the floor stays at the default options while the silo's settings vary. The two
/// sessions never run at the same time, because the runner times one side after the other.
/// </remarks>
internal sealed class RawEmbeddingBaseline : IAsyncDisposable
{
    private readonly MiniLmEmbedder _embedder = new(new MiniLmEmbedderOptions());
    private readonly CancellationTokenSource _stop = new();
    private readonly IReadOnlyList<string[]> _batches;
    private Task _running = Task.CompletedTask;

    /// <summary>Loads the model and keeps the batches of texts that every round embeds.</summary>
    public RawEmbeddingBaseline(IReadOnlyList<string[]> batches)
    {
        _batches = batches;
        ChunkCount = batches.Sum(batch => batch.Length);
    }

    /// <summary>The texts of all batches.</summary>
    public int ChunkCount { get; }

    /// <summary>The number of batches that one round embeds.</summary>
    public int BatchCount => _batches.Count;

    /// <summary>Embeds every batch once on a thread-pool thread and discards the vectors.</summary>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        // The session blocks its thread for the whole round, so the round leaves the caller's thread, and the
        // runner's timeout can fire while it runs.
        _running = Task.Run(() => Run(cancellationToken), cancellationToken);
        return _running;
    }

    /// <summary>Counts the tokens of all batches, without and with the padding to each batch's longest text.</summary>
    public (long Tokens, long PaddedTokens) CountTokens()
    {
        long tokens = 0;
        long paddedTokens = 0;
        foreach (var texts in _batches)
        {
            var batch = _embedder.Tokenizer.EncodeBatch(texts);
            foreach (var mask in batch.AttentionMask)
            {
                tokens += mask;
            }

            paddedTokens += (long)batch.Count * batch.SequenceLength;
        }

        return (tokens, paddedTokens);
    }

    /// <summary>Stops a round that still runs, such as one past the runner's timeout, then frees the session.</summary>
    public async ValueTask DisposeAsync()
    {
        // Disposing the session during a run crashed the process with SIGSEGV (ONNX Runtime 1.32), so the round
        // must end first. Its failure, if any, was the runner's to report.
        await _stop.CancelAsync();
        await _running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _embedder.Dispose();
        _stop.Dispose();
    }

    private void Run(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        foreach (var texts in _batches)
        {
            var batch = _embedder.Tokenizer.EncodeBatch(texts);
            _embedder.Session.Embed(batch, stop.Token);
        }
    }
}
