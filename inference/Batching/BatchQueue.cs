namespace VoiceHelper.Inference.Batching;

/// <summary>
/// The waiting requests of an <see cref="EmbeddingBatcher"/>, one first-in first-out queue per priority, and the rule
/// that forms batches from them. Not thread-safe: the batcher calls it under its lock.
/// </summary>
internal sealed class BatchQueue(int maxBatchTexts)
{
    // Interactive requests go first, but after this many batches in a row that started with one while bulk requests
    // waited, the next batch starts with the oldest bulk request, so that ingestion keeps moving under query load.
    internal const int InteractiveBatchesPerBulkBatch = 4;

    private readonly Queue<PendingEmbedding> _interactive = new();
    private readonly Queue<PendingEmbedding> _bulk = new();
    private int _interactiveStreak;

    /// <summary>The texts of all waiting requests, abandoned ones included until they are dropped.</summary>
    public int QueuedTexts { get; private set; }

    public int QueuedRequests => _interactive.Count + _bulk.Count;

    public void Enqueue(PendingEmbedding request)
    {
        QueueOf(request.Priority).Enqueue(request);
        QueuedTexts += request.Texts.Count;
    }

    /// <summary>
    /// Starts <paramref name="batch"/>, which must be empty, with the request whose turn it is, then adds every
    /// waiting request that fits. Returns the batch's text count, 0 when nothing waits.
    /// </summary>
    public int Start(List<PendingEmbedding> batch)
    {
        var bulkTurn = BulkTurn();
        var head = TryTake(bulkTurn ? _bulk : _interactive) ?? TryTake(bulkTurn ? _interactive : _bulk);
        if (head is null)
        {
            return 0;
        }

        var bulkPassedOver = head.Priority == EmbeddingPriority.Interactive && _bulk.Count > 0;
        _interactiveStreak = bulkPassedOver ? _interactiveStreak + 1 : 0;
        batch.Add(head);
        return Fill(batch, head.Texts.Count);
    }

    /// <summary>
    /// Adds waiting requests to <paramref name="batch"/>, interactive ones first, while they fit into the batch with
    /// its <paramref name="texts"/> texts. Returns the new text count.
    /// </summary>
    public int Fill(List<PendingEmbedding> batch, int texts)
    {
        texts = FillFrom(_interactive, batch, texts);
        return FillFrom(_bulk, batch, texts);
    }

    /// <summary>Removes and returns every waiting request, abandoned ones included.</summary>
    public List<PendingEmbedding> Clear()
    {
        var all = _interactive.Concat(_bulk).ToList();
        _interactive.Clear();
        _bulk.Clear();
        QueuedTexts = 0;
        return all;
    }

    private bool BulkTurn() =>
        _bulk.Count > 0 && (_interactive.Count == 0 || _interactiveStreak >= InteractiveBatchesPerBulkBatch);

    private int FillFrom(Queue<PendingEmbedding> queue, List<PendingEmbedding> batch, int texts)
    {
        while (DropAbandoned(queue) && texts + queue.Peek().Texts.Count <= maxBatchTexts)
        {
            var request = Dequeue(queue);
            batch.Add(request);
            texts += request.Texts.Count;
        }

        return texts;
    }

    private PendingEmbedding? TryTake(Queue<PendingEmbedding> queue) => DropAbandoned(queue) ? Dequeue(queue) : null;

    // Drops abandoned requests at the head and returns whether a live request is there.
    private bool DropAbandoned(Queue<PendingEmbedding> queue)
    {
        while (queue.TryPeek(out var head) && head.IsAbandoned)
        {
            Dequeue(queue);
        }

        return queue.Count > 0;
    }

    private PendingEmbedding Dequeue(Queue<PendingEmbedding> queue)
    {
        var request = queue.Dequeue();
        QueuedTexts -= request.Texts.Count;
        return request;
    }

    private Queue<PendingEmbedding> QueueOf(EmbeddingPriority priority) =>
        priority == EmbeddingPriority.Bulk ? _bulk : _interactive;
}
