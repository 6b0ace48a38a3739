using System.Diagnostics.Metrics;
using VoiceHelper.Inference.Batching;
using VoiceHelper.Inference.Embeddings;
using VoiceHelper.Inference.Tests.Embeddings;
using VoiceHelper.Inference.Tests.Texts;

namespace VoiceHelper.Inference.Tests.Batching;

[Collection(EmbedderCollection.Name)]
[Trait("Category", "Unit")]
public sealed class EmbeddingBatcherTests(EmbedderFixture fixture)
{
    // Batched and unbatched vectors differ only by float rounding, because padding changes the shapes that ONNX
    // Runtime multiplies.
    private const float Tolerance = 1e-5f;

    private MiniLmEmbedder Embedder => fixture.Embedder;

    [Fact]
    public async Task EmbedAsync_ConcurrentRequests_FewerRunsThanRequests()
    {
        var texts = ReferenceTexts.ReadLicenseParagraphs().Take(48).ToArray();
        using var batcher = new EmbeddingBatcher(Embedder, new EmbeddingBatcherOptions());
        var runsBefore = Embedder.Session.RunCount;

        await Task.WhenAll(texts.Select(text => batcher.EmbedAsync([text]))).WaitAsync(Vectors.Timeout);
        var runs = Embedder.Session.RunCount - runsBefore;

        Assert.InRange(runs, 2, texts.Length - 1);
    }

    [Fact]
    public async Task EmbedAsync_ConcurrentRequests_SameVectorsAsUnbatched()
    {
        var texts = ReferenceTexts.ReadLicenseParagraphs().Take(40).ToArray();
        using var batcher = new EmbeddingBatcher(Embedder, new EmbeddingBatcherOptions());
        var alone = texts.Select(text => Embedder.Embed([text])[0]).ToArray();

        var batched = await Task.WhenAll(texts.Select(text => batcher.EmbedAsync([text]))).WaitAsync(Vectors.Timeout);

        for (var i = 0; i < texts.Length; i++)
        {
            var difference = MaxDifference(alone[i], batched[i][0]);
            Assert.True(difference <= Tolerance, $"Text {i} differs from its unbatched vector by {difference}.");
        }
    }

    [Fact]
    public async Task EmbedAsync_RequestLargerThanBatch_KeepsOrder()
    {
        var texts = ReferenceTexts.ReadLicenseParagraphs().Take(Embedder.MaxBatchSize * 2 + 5).ToArray();
        using var batcher = new EmbeddingBatcher(Embedder, new EmbeddingBatcherOptions());
        var runsBefore = Embedder.Session.RunCount;

        var vectors = await batcher.EmbedAsync(texts).WaitAsync(Vectors.Timeout);
        var runs = Embedder.Session.RunCount - runsBefore;

        Assert.Equal(texts.Length, vectors.Count);
        Assert.Equal(3, runs);
        for (var i = 0; i < texts.Length; i += 17)
        {
            Assert.True(MaxDifference(Embedder.Embed([texts[i]])[0], vectors[i]) <= Tolerance, $"Text {i} is out of place.");
        }
    }

    [Fact]
    public async Task EmbedAsync_LoneRequest_DoesNotWaitForMaxDelay()
    {
        var options = new EmbeddingBatcherOptions { MaxDelay = TimeSpan.FromSeconds(1) };
        using var batcher = new EmbeddingBatcher(Embedder, options);
        using var waits = new QueueWaitRecorder();

        await batcher.EmbedAsync(["How do I reset my password?"]).WaitAsync(Vectors.Timeout);

        // The time from the request's arrival to the start of its batch, so the model run does not count.
        var wait = Assert.Single(waits.Seconds);
        Assert.True(wait < options.MaxDelay.TotalSeconds / 2, $"The lone request waited {wait:F3} s for its batch.");
    }

    [Fact]
    public async Task EmbedAsync_QueueFull_RejectsWithRetryAfter()
    {
        var options = new EmbeddingBatcherOptions
        {
            MaxQueuedTexts = Embedder.MaxBatchSize,
            RetryAfter = TimeSpan.FromMilliseconds(250),
        };
        using var batcher = new EmbeddingBatcher(Embedder, options);
        var texts = ReferenceTexts.ReadLicenseParagraphs().Take(8).ToArray();

        // Requests enter the queue far faster than a batch of long paragraphs runs.
        var calls = Enumerable.Range(0, 40).Select(_ => batcher.EmbedAsync(texts)).ToArray();
        await Task.WhenAll(calls).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(Vectors.Timeout);
        var failures = calls.Where(call => call.IsFaulted).Select(call => call.Exception!.InnerException).ToArray();

        Assert.NotEmpty(failures);
        Assert.Contains(calls, call => call.IsCompletedSuccessfully);
        var rejected = Assert.IsType<EmbeddingRejectedException>(failures[0]);
        Assert.Equal(options.RetryAfter, rejected.RetryAfter);
        Assert.Contains("MaxQueuedTexts", rejected.Message, StringComparison.Ordinal);
        Assert.All(failures, failure => Assert.IsType<EmbeddingRejectedException>(failure));
    }

    [Fact]
    public async Task EmbedAsync_MoreTextsThanQueueHolds_ThrowsArgumentException()
    {
        using var batcher = new EmbeddingBatcher(Embedder, new EmbeddingBatcherOptions { MaxQueuedTexts = 40 });
        var texts = Enumerable.Repeat("text", 41).ToArray();

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => batcher.EmbedAsync(texts)).WaitAsync(Vectors.Timeout);

        Assert.Contains("MaxQueuedTexts = 40", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbedAsync_NullText_ThrowsBeforeQueueing()
    {
        using var batcher = new EmbeddingBatcher(Embedder, new EmbeddingBatcherOptions());

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => batcher.EmbedAsync(["first", null!]))
            .WaitAsync(Vectors.Timeout);

        Assert.Contains("Text 1 of 2 is null", exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, batcher.QueuedTexts);
    }

    [Fact]
    public async Task EmbedAsync_AfterDispose_RejectsAsStopping()
    {
        var batcher = new EmbeddingBatcher(Embedder, new EmbeddingBatcherOptions());
        batcher.Dispose();

        var exception = await Assert.ThrowsAsync<EmbeddingRejectedException>(() => batcher.EmbedAsync(["late"]))
            .WaitAsync(Vectors.Timeout);

        Assert.Contains("shutting down", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_QueueSmallerThanBatch_ThrowsNamingBothSettings()
    {
        var options = new EmbeddingBatcherOptions { MaxQueuedTexts = Embedder.MaxBatchSize - 1, MaxConcurrentBatches = 0 };

        var exception = Assert.Throws<ArgumentException>(() => new EmbeddingBatcher(Embedder, options));

        Assert.Contains("Inference:Embeddings:MaxBatchSize", exception.Message, StringComparison.Ordinal);
        Assert.Contains("MaxConcurrentBatches must be between 1 and 16", exception.Message, StringComparison.Ordinal);
    }

    private static float MaxDifference(float[] left, float[] right) =>
        left.Zip(right, (a, b) => Math.Abs(a - b)).Max();

    /// <summary>Records the queue waits that batchers report on their meter while it lives.</summary>
    private sealed class QueueWaitRecorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<double> _seconds = [];

        public QueueWaitRecorder()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "VoiceHelper.Inference"
                    && instrument.Name == "voicehelper.inference.queue.wait")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
            {
                lock (_seconds)
                {
                    _seconds.Add(value);
                }
            });
            _listener.Start();
        }

        public IReadOnlyList<double> Seconds
        {
            get
            {
                lock (_seconds)
                {
                    return [.. _seconds];
                }
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
