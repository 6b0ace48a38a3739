using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VoiceHelper.Inference.Embeddings;
using VoiceHelper.Inference.Logging;

namespace VoiceHelper.Inference.Batching;

/// <summary>
/// Dynamic batching for a <see cref="MiniLmEmbedder"/>: concurrent requests wait in one bounded queue and are served
/// together, up to the embedder's <see cref="MiniLmEmbedder.MaxBatchSize"/> texts per model run. Instances are
/// thread-safe; one per process serves every caller.
/// </summary>
/// <remarks>
/// <para>
/// A request that finds no other request waiting starts at once when a runner is free, so a lone query pays no batch
/// window. Requests that arrive while a batch runs wait, and the next batch takes them all. A batch that starts with
/// two or more requests also waits up to <see cref="EmbeddingBatcherOptions.MaxDelay"/>, counted from its oldest
/// request, for more to arrive. Interactive requests go before bulk ones (<see cref="EmbeddingPriority"/>).
/// </para>
/// <para>
/// The embedder's attention mask keeps padding out of every vector, so a text gets the vector that it gets alone,
/// up to float rounding. A request larger than one batch is split into parts that run in separate batches.
/// </para>
/// <para>
/// Back-pressure: when a request would raise the waiting texts above
/// <see cref="EmbeddingBatcherOptions.MaxQueuedTexts"/>, it fails at once with
/// <see cref="EmbeddingRejectedException"/>, which a caller may retry.
/// </para>
/// </remarks>
public sealed class EmbeddingBatcher : IDisposable
{
    private readonly object _gate = new();
    private readonly MiniLmEmbedder _embedder;
    private readonly EmbeddingBatcherOptions _options;
    private readonly ILogger _logger;
    private readonly EmbeddingBatcherMetrics _metrics;
    private readonly BatchQueue _queue;
    private readonly Thread[] _runners;
    private bool _stopped;
    private long _rejectedSinceFull = -1;
    private int _reportedRequests;
    private int _reportedTexts;

    /// <summary>Starts <see cref="EmbeddingBatcherOptions.MaxConcurrentBatches"/> runner threads.</summary>
    /// <param name="embedder">The model. The caller disposes it, after this batcher.</param>
    /// <param name="options">The batching settings.</param>
    /// <param name="logger">Receives starts, stops, full-queue episodes and failed batches.</param>
    /// <param name="meterFactory">Creates the meter of the queue and batch metrics; without it the batcher owns one.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public EmbeddingBatcher(
        MiniLmEmbedder embedder,
        EmbeddingBatcherOptions options,
        ILogger<EmbeddingBatcher>? logger = null,
        IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(embedder.MaxBatchSize);
        _embedder = embedder;
        _options = options;
        _logger = logger ?? NullLogger<EmbeddingBatcher>.Instance;
        _queue = new BatchQueue(embedder.MaxBatchSize);
        _metrics = new EmbeddingBatcherMetrics(meterFactory);
        _runners = Enumerable.Range(1, options.MaxConcurrentBatches).Select(StartRunner).ToArray();
        InferenceLog.BatcherStarted(_logger, embedder.MaxBatchSize, options.MaxConcurrentBatches,
            options.MaxQueuedTexts, options.MaxDelay.TotalMilliseconds);
    }

    /// <summary>The embedder that runs the batches.</summary>
    public MiniLmEmbedder Embedder => _embedder;

    /// <summary>The texts that wait for a batch now.</summary>
    public int QueuedTexts
    {
        get
        {
            lock (_gate)
            {
                return _queue.QueuedTexts;
            }
        }
    }

    /// <summary>The requests, or parts of requests, that wait for a batch now.</summary>
    public int QueuedRequests
    {
        get
        {
            lock (_gate)
            {
                return _queue.QueuedRequests;
            }
        }
    }

    /// <summary>
    /// Embeds <paramref name="texts"/> in the next batches and returns one L2-normalized vector per text, in input
    /// order.
    /// </summary>
    /// <param name="texts">One or more texts, none null. At most <see cref="EmbeddingBatcherOptions.MaxQueuedTexts"/>.</param>
    /// <param name="priority">Whether someone waits for the result or it is background work.</param>
    /// <param name="cancellationToken">Withdraws the request while it waits. A batch that has started finishes.</param>
    /// <exception cref="ArgumentException"><paramref name="texts"/> is empty, contains null, or is larger than the queue.</exception>
    /// <exception cref="EmbeddingRejectedException">The queue is full or stopping; nothing ran, and a retry can succeed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while the request waited.</exception>
    public async Task<IReadOnlyList<float[]>> EmbedAsync(
        IReadOnlyList<string> texts,
        EmbeddingPriority priority = EmbeddingPriority.Interactive,
        CancellationToken cancellationToken = default)
    {
        MiniLmEmbedder.ValidateTexts(texts);
        if (texts.Count > _options.MaxQueuedTexts)
        {
            throw new ArgumentException(
                $"The request has {texts.Count} texts, more than the embedding queue holds " +
                $"({EmbeddingBatcherOptions.SectionName}:MaxQueuedTexts = {_options.MaxQueuedTexts}). Send it in parts.",
                nameof(texts));
        }

        var parts = Split(texts, priority);
        _metrics.RequestArrived();
        Enqueue(parts);
        using var registration = cancellationToken.Register(() => Abandon(parts, cancellationToken));
        if (parts.Length == 1)
        {
            return await parts[0].Completion.Task.ConfigureAwait(false);
        }

        var results = await Task.WhenAll(parts.Select(part => part.Completion.Task)).ConfigureAwait(false);
        return results.SelectMany(vectors => vectors).ToArray();
    }

    /// <summary>
    /// Rejects the waiting requests with <see cref="EmbeddingRejectedException"/>, lets running batches finish and
    /// stops the runner threads. The embedder stays open.
    /// </summary>
    public void Dispose()
    {
        List<PendingEmbedding> waiting;
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            waiting = _queue.Clear();
            ReportQueue();
            Monitor.PulseAll(_gate);
        }

        foreach (var request in waiting)
        {
            Reject(request, EmbeddingRejectedException.Stopping(_options.RetryAfter), "stopping");
        }

        foreach (var runner in _runners)
        {
            runner.Join();
        }

        _metrics.Dispose();
        InferenceLog.BatcherStopped(_logger, waiting.Count);
    }

    private PendingEmbedding[] Split(IReadOnlyList<string> texts, EmbeddingPriority priority)
    {
        var batchSize = _embedder.MaxBatchSize;
        if (texts.Count <= batchSize)
        {
            return [new PendingEmbedding(texts, priority)];
        }

        return texts.Chunk(batchSize).Select(part => new PendingEmbedding(part, priority)).ToArray();
    }

    private void Enqueue(PendingEmbedding[] parts)
    {
        var textCount = parts.Sum(part => part.Texts.Count);
        lock (_gate)
        {
            if (_stopped)
            {
                _metrics.Rejected("stopping");
                throw EmbeddingRejectedException.Stopping(_options.RetryAfter);
            }

            if (_queue.QueuedTexts + textCount > _options.MaxQueuedTexts)
            {
                throw RejectFull(textCount);
            }

            EndFullEpisode();
            foreach (var part in parts)
            {
                _queue.Enqueue(part);
            }

            ReportQueue();
            Monitor.PulseAll(_gate);
        }
    }

    // Called under the lock. Logs the first rejection of an episode and counts the rest, so that a flood of callers
    // writes two log lines and not one per request.
    private EmbeddingRejectedException RejectFull(int textCount)
    {
        _metrics.Rejected("queue_full");
        if (_rejectedSinceFull < 0)
        {
            _rejectedSinceFull = 0;
            InferenceLog.EmbeddingQueueFull(_logger, _queue.QueuedTexts, _options.MaxQueuedTexts);
        }

        _rejectedSinceFull++;
        return EmbeddingRejectedException.QueueFull(
            _queue.QueuedTexts, textCount, _options.MaxQueuedTexts, _options.RetryAfter);
    }

    private void EndFullEpisode()
    {
        if (_rejectedSinceFull >= 0)
        {
            InferenceLog.EmbeddingQueueDrained(_logger, _rejectedSinceFull);
            _rejectedSinceFull = -1;
        }
    }

    // Called under the lock after the queue changed.
    private void ReportQueue()
    {
        _metrics.QueueChanged(_queue.QueuedRequests - _reportedRequests, _queue.QueuedTexts - _reportedTexts);
        _reportedRequests = _queue.QueuedRequests;
        _reportedTexts = _queue.QueuedTexts;
    }

    private static void Abandon(PendingEmbedding[] parts, CancellationToken cancellationToken)
    {
        foreach (var part in parts)
        {
            part.Completion.TrySetCanceled(cancellationToken);
        }
    }

    private Thread StartRunner(int number)
    {
        var thread = new Thread(RunBatches) { IsBackground = true, Name = $"embedding-batch-{number}" };
        thread.Start();
        return thread;
    }

    private void RunBatches()
    {
        var batch = new List<PendingEmbedding>();
        while (TakeBatch(batch))
        {
            Run(batch);
            batch.Clear();
        }
    }

    // Blocks until a batch can start or the batcher stops; returns false when it stopped.
    private bool TakeBatch(List<PendingEmbedding> batch)
    {
        lock (_gate)
        {
            while (!_stopped)
            {
                var texts = _queue.Start(batch);
                if (texts == 0)
                {
                    Monitor.Wait(_gate);
                    continue;
                }

                WaitForMore(batch, texts);
                ReportQueue();
                if (_queue.QueuedRequests > 0)
                {
                    // Another runner may take what did not fit.
                    Monitor.Pulse(_gate);
                }

                return true;
            }

            return false;
        }
    }

    // Called under the lock. Monitor.Wait releases it, so requests can arrive meanwhile.
    private void WaitForMore(List<PendingEmbedding> batch, int texts)
    {
        if (batch.Count < 2)
        {
            return;
        }

        while (texts < _embedder.MaxBatchSize && !_stopped)
        {
            var remaining = _options.MaxDelay - Stopwatch.GetElapsedTime(batch[0].EnqueuedAt);
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            Monitor.Wait(_gate, remaining);
            texts = _queue.Fill(batch, texts);
        }
    }

    private void Run(List<PendingEmbedding> batch)
    {
        var live = batch.Where(request => !request.IsAbandoned).ToList();
        if (live.Count == 0)
        {
            return;
        }

        var texts = live.SelectMany(request => request.Texts).ToArray();
        foreach (var request in live)
        {
            _metrics.RequestStarted(Stopwatch.GetElapsedTime(request.EnqueuedAt));
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var vectors = _embedder.Embed(texts);
            _metrics.BatchRan(texts.Length, Stopwatch.GetElapsedTime(started));
            Complete(live, vectors);
        }
        catch (Exception exception)
        {
            InferenceLog.EmbeddingBatchFailed(_logger, texts.Length, live.Count, exception);
            foreach (var request in live)
            {
                request.Completion.TrySetException(exception);
            }
        }
    }

    private static void Complete(List<PendingEmbedding> requests, IReadOnlyList<float[]> vectors)
    {
        var offset = 0;
        foreach (var request in requests)
        {
            var own = new float[request.Texts.Count][];
            for (var i = 0; i < own.Length; i++)
            {
                own[i] = vectors[offset + i];
            }

            request.Completion.TrySetResult(own);
            offset += own.Length;
        }
    }

    private void Reject(PendingEmbedding request, EmbeddingRejectedException exception, string reason)
    {
        if (request.Completion.TrySetException(exception))
        {
            _metrics.Rejected(reason);
        }
    }
}
