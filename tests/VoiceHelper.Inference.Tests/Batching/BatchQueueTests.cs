using VoiceHelper.Inference.Batching;

namespace VoiceHelper.Inference.Tests.Batching;

[Trait("Category", "Unit")]
public sealed class BatchQueueTests
{
    [Fact]
    public void Start_BulkWaitingBeforeQuery_QueryGoesFirst()
    {
        var queue = new BatchQueue(maxBatchTexts: 4);
        var passages = Request(EmbeddingPriority.Bulk, 3);
        var query = Request(EmbeddingPriority.Interactive, 1);
        queue.Enqueue(passages);
        queue.Enqueue(query);
        var batch = new List<PendingEmbedding>();

        var texts = queue.Start(batch);

        Assert.Equal(4, texts);
        Assert.Equal([query, passages], batch);
        Assert.Equal(0, queue.QueuedTexts);
    }

    [Fact]
    public void Start_RequestThatDoesNotFit_WaitsForNextBatch()
    {
        var queue = new BatchQueue(maxBatchTexts: 4);
        var first = Request(EmbeddingPriority.Interactive, 3);
        var second = Request(EmbeddingPriority.Interactive, 2);
        queue.Enqueue(first);
        queue.Enqueue(second);
        var batch = new List<PendingEmbedding>();

        var texts = queue.Start(batch);

        Assert.Equal(3, texts);
        Assert.Equal([first], batch);
        Assert.Equal(2, queue.QueuedTexts);
    }

    [Fact]
    public void Start_QueriesKeepComing_BulkGetsEveryFifthBatch()
    {
        var queue = new BatchQueue(maxBatchTexts: 1);
        var passages = Request(EmbeddingPriority.Bulk, 1);
        queue.Enqueue(passages);
        var heads = new List<EmbeddingPriority>();

        for (var round = 0; round <= BatchQueue.InteractiveBatchesPerBulkBatch; round++)
        {
            queue.Enqueue(Request(EmbeddingPriority.Interactive, 1));
            var batch = new List<PendingEmbedding>();
            queue.Start(batch);
            heads.Add(batch[0].Priority);
        }

        Assert.Equal(
            [.. Enumerable.Repeat(EmbeddingPriority.Interactive, BatchQueue.InteractiveBatchesPerBulkBatch), EmbeddingPriority.Bulk],
            heads);
    }

    [Fact]
    public void Start_AbandonedRequest_IsSkippedAndUncounted()
    {
        var queue = new BatchQueue(maxBatchTexts: 8);
        var abandoned = Request(EmbeddingPriority.Interactive, 5);
        var live = Request(EmbeddingPriority.Interactive, 2);
        queue.Enqueue(abandoned);
        queue.Enqueue(live);
        abandoned.Completion.SetCanceled();
        var batch = new List<PendingEmbedding>();

        var texts = queue.Start(batch);

        Assert.Equal(2, texts);
        Assert.Equal([live], batch);
        Assert.Equal(0, queue.QueuedTexts);
    }

    [Fact]
    public void Start_EmptyQueue_ReturnsZero()
    {
        var queue = new BatchQueue(maxBatchTexts: 8);
        var batch = new List<PendingEmbedding>();

        Assert.Equal(0, queue.Start(batch));
        Assert.Empty(batch);
    }

    private static PendingEmbedding Request(EmbeddingPriority priority, int texts) =>
        new(Enumerable.Repeat("text", texts).ToArray(), priority);
}
