using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoiceHelper.Grains.Inference;
using VoiceHelper.Grains.Logging;
using VoiceHelper.Grains.Persistence;
using VoiceHelper.Knowledge.Chunking;
using VoiceHelper.Knowledge.Parsing;

namespace VoiceHelper.Grains.Knowledge;

/// <summary>
/// Ingests one document: parse, chunk, embed in batches, store, then add the chunks to the index shards. Every
/// step writes its status to the document's row, so callers see progress and a restart can begin again.
/// </summary>
public sealed class DocumentIngestGrain(
    PostgresKnowledgeStore store,
    IDocumentParser parser,
    IDocumentChunker chunker,
    IOptions<KnowledgeOptions> options,
    IngestionThrottle throttle,
    EmbeddingGrainPool embedders,
    ILogger<DocumentIngestGrain> logger) : Grain, IDocumentIngestGrain
{
    private static readonly TimeSpan UnavailableRetryDelay = TimeSpan.FromSeconds(1);

    private Task? _running;
    private CancellationTokenSource? _cancellation;

    private Guid Id => this.GetPrimaryKey();

    public Task StartAsync()
    {
        if (_running is null || _running.IsCompleted)
        {
            _cancellation?.Dispose();
            _cancellation = new CancellationTokenSource();
            _running = RunAsync(_cancellation.Token);
        }

        return Task.CompletedTask;
    }

    public async Task CancelAsync()
    {
        if (_running is null || _running.IsCompleted)
        {
            return;
        }

        // RunAsync catches every exception, so awaiting it only waits for the current step to stop.
        await _cancellation!.CancelAsync();
        await _running;
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        // Ingestion outlives the call that started it, so the activation must not be collected meanwhile.
        DelayDeactivation(TimeSpan.FromHours(1));
        var started = IngestionMetrics.Started();
        // A document that is already indexed or failed, found again by a resumed start, ends with no outcome.
        string? outcome = null;
        var attempt = 0;
        try
        {
            // The slot comes before the file, so documents waiting for a slot keep no file bytes in memory.
            using var slot = await throttle.AcquireAsync(cancellationToken);
            var file = await store.GetDocumentFileAsync(Id, cancellationToken);
            if (file is null || file.Status is DocumentStatus.Indexed or DocumentStatus.Failed)
            {
                return;
            }

            attempt = await store.BeginIngestAttemptAsync(Id, CancellationToken.None);
            if (attempt > IngestionErrors.MaxAttempts)
            {
                outcome = IngestionMetrics.Abandoned;
                await GiveUpAsync(attempt);
                return;
            }

            GrainLog.IngestionStarted(logger, Id, file.KnowledgeBaseId);
            await IngestAsync(file, cancellationToken);
            outcome = IngestionMetrics.Indexed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = IngestionMetrics.Cancelled;
            GrainLog.IngestionCancelled(logger, Id);
        }
        catch (DocumentParseException exception)
        {
            outcome = IngestionMetrics.Rejected;
            GrainLog.IngestionRejected(logger, Id, exception.Code, exception.Message);
            await store.UpdateStatusAsync(Id, DocumentStatus.Failed,
                new StatusUpdate(ErrorCode: exception.Code, ErrorMessage: exception.Message), CancellationToken.None);
        }
        catch (Exception exception)
        {
            outcome = IngestionMetrics.Failed;
            // During a membership change a second activation can begin an attempt while this one runs, and
            // Orleans then invalidates one of them mid-call. The later attempt owns the document's status.
            if (await LatestAttemptAfterAsync(attempt) is { } latest)
            {
                GrainLog.IngestionSuperseded(logger, Id, attempt, latest, exception);
                return;
            }

            GrainLog.IngestionFailed(logger, Id, exception);
            await store.UpdateStatusAsync(Id, DocumentStatus.Failed,
                new StatusUpdate(ErrorCode: IngestionErrors.Failed,
                    ErrorMessage: $"Ingestion failed: {exception.Message} Upload the file again to retry."),
                CancellationToken.None);
        }
        finally
        {
            IngestionMetrics.Ended(started, outcome);
            DelayDeactivation(TimeSpan.Zero);
        }
    }

    // Returns the latest attempt when one began after this activation's attempt, and null otherwise.
    private async Task<int?> LatestAttemptAfterAsync(int attempt)
    {
        if (attempt == 0)
        {
            return null;
        }

        var latest = await store.GetIngestAttemptsAsync(Id, CancellationToken.None);
        return latest > attempt ? latest : null;
    }

    // Earlier attempts ended without a status, which happens when the silo process died while ingesting.
    private async Task GiveUpAsync(int attempt)
    {
        GrainLog.IngestionAbandoned(logger, Id, attempt - 1);
        await store.UpdateStatusAsync(Id, DocumentStatus.Failed,
            new StatusUpdate(ErrorCode: IngestionErrors.Crashed,
                ErrorMessage: $"Ingestion of this document was interrupted {attempt - 1} times, most likely because " +
                    "the file stops the silo process, so it is not retried. Check the file, or delete it."),
            CancellationToken.None);
    }

    private async Task IngestAsync(StoredFile file, CancellationToken cancellationToken)
    {
        await store.UpdateStatusAsync(Id, DocumentStatus.Parsing, new StatusUpdate(), CancellationToken.None);
        var stopwatch = Stopwatch.StartNew();
        var (title, chunks) = await Task.Run(() => ParseAndChunk(file), cancellationToken);
        var parseMs = (int)stopwatch.ElapsedMilliseconds;
        cancellationToken.ThrowIfCancellationRequested();
        var chunkIds = await store.ReplaceChunksAsync(Id, file.KnowledgeBaseId, chunks, CancellationToken.None);
        await store.UpdateStatusAsync(Id, DocumentStatus.Embedding,
            new StatusUpdate(Title: title, ParseMs: parseMs), CancellationToken.None);

        stopwatch.Restart();
        await EmbedAsync(chunks, chunkIds, cancellationToken);
        var embedMs = (int)stopwatch.ElapsedMilliseconds;
        cancellationToken.ThrowIfCancellationRequested();

        stopwatch.Restart();
        // NOTE: when two attempts overlap during a membership change, the older one may still add chunk ids that
        // the newer one has deleted. Those ids stay in the shards until they reload and can take a candidate slot
        // of a search, which then finds no row for them.
        await IndexShardKey.AddAsync(GrainFactory, file.KnowledgeBaseId, file.ShardCount, chunkIds);
        await store.UpdateStatusAsync(Id, DocumentStatus.Indexed,
            new StatusUpdate(EmbedMs: embedMs, IndexMs: (int)stopwatch.ElapsedMilliseconds), CancellationToken.None);
        GrainLog.IngestionFinished(logger, Id, chunkIds.Length, parseMs, embedMs);

        await RemoveOlderVersionsAsync(file);
    }

    private (string? Title, IReadOnlyList<ChunkRow> Chunks) ParseAndChunk(StoredFile file)
    {
        var parsed = parser.Parse(file.Content, file.FileName, file.ContentType);
        var title = file.Title == Path.GetFileNameWithoutExtension(file.FileName) ? parsed.Title : null;
        var chunks = chunker.Chunk(Id.ToString(), parsed)
            .Select(chunk => new ChunkRow(chunk.Index, chunk.HeadingPathText, chunk.Page, chunk.Start, chunk.End, chunk.Text))
            .ToList();
        return (title, chunks);
    }

    private async Task EmbedAsync(IReadOnlyList<ChunkRow> chunks, long[] chunkIds, CancellationToken cancellationToken)
    {
        var batchSize = options.Value.EmbeddingBatchSize;
        for (var start = 0; start < chunks.Count; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(batchSize, chunks.Count - start);
            // The heading gives a chunk its context; the model reads both.
            var texts = chunks.Skip(start).Take(count).Select(EmbeddingText).ToArray();
            var vectors = await EmbedWithRetryAsync(texts, cancellationToken);
            await store.StoreEmbeddingsAsync(Id, new ArraySegment<long>(chunkIds, start, count), vectors, CancellationToken.None);
            IngestionMetrics.Embedded(count);
        }
    }

    // A busy silo can time out an embedding call, or reject it while its queue is full, so the batch is retried
    // before the document is given up. After a rejection the grain waits the delay that the rejection carries. At
    // the default of 1 s that allows about a minute in all, because ingestion is background work that may wait.
    private async Task<float[][]> EmbedWithRetryAsync(string[] texts, CancellationToken cancellationToken)
    {
        const int TimeoutAttempts = 3;
        const int BusyAttempts = 60;
        const int UnavailableAttempts = 30;
        var timeouts = 0;
        var rejections = 0;
        var unavailable = 0;
        while (true)
        {
            try
            {
                return await embedders.Next().EmbedPassagesAsync(texts);
            }
            catch (TimeoutException exception) when (++timeouts < TimeoutAttempts)
            {
                GrainLog.EmbeddingRetried(logger, Id, timeouts, exception);
            }
            // The embedding grains may live on another silo, placed by accelerator. When that silo dies, calls fail
            // until the cluster declares it dead and activates the grain elsewhere, which takes seconds.
            catch (Exception exception) when (exception is SiloUnavailableException or OrleansMessageRejectionException
                && ++unavailable < UnavailableAttempts)
            {
                GrainLog.EmbeddingRetried(logger, Id, unavailable, exception);
                await Task.Delay(UnavailableRetryDelay, cancellationToken);
            }
            catch (InferenceBusyException busy) when (++rejections < BusyAttempts)
            {
                GrainLog.EmbeddingBusyRetried(logger, Id, rejections, (int)busy.RetryAfter.TotalMilliseconds);
                await Task.Delay(busy.RetryAfter, cancellationToken);
            }
        }
    }

    private async Task RemoveOlderVersionsAsync(StoredFile file)
    {
        var older = await store.FindOlderVersionsAsync(file.KnowledgeBaseId, file.FileName, Id, CancellationToken.None);
        foreach (var documentId in older)
        {
            var chunkIds = await store.DeleteDocumentAsync(documentId, CancellationToken.None);
            await IndexShardKey.RemoveAsync(GrainFactory, file.KnowledgeBaseId, file.ShardCount, chunkIds);
            GrainLog.DocumentReplaced(logger, documentId, Id);
        }
    }

    private static string EmbeddingText(ChunkRow chunk) =>
        chunk.Heading.Length == 0 ? chunk.Text : $"{chunk.Heading}\n{chunk.Text}";
}
