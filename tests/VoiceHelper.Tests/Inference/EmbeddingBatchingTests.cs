using Microsoft.Extensions.DependencyInjection;
using VoiceHelper.Grains.Inference;
using VoiceHelper.Grains.Knowledge;
using VoiceHelper.Knowledge.Answering;
using VoiceHelper.Tests.Infrastructure;

namespace VoiceHelper.Tests.Inference;

/// <summary>
/// Batching and back-pressure of the embedding grains, in a cluster where <c>Silo_1</c> and <c>Silo_2</c> advertise an
/// accelerator and <c>Silo_0</c> does not.
/// </summary>
[Collection(Name)]
[Trait("Category", "Grain")]
public sealed class EmbeddingBatchingTests(EmbeddingBatchingTests.Fixture fixture)
{
    public const string Name = "embedding batching cluster";

    // Unbatched and batched vectors differ only by float rounding, because padding changes the shapes that ONNX
    // Runtime multiplies.
    private const float Tolerance = 1e-5f;

    private static readonly string[] AcceleratorSilos = ["Silo_1", "Silo_2"];

    [Fact]
    public async Task Placement_TwoAcceleratorSilos_SpreadsPoolOverBoth()
    {
        var grains = fixture.Cluster.PoolGrains();
        await fixture.Cluster.WaitForAcceleratorAsync();

        await Task.WhenAll(grains.Select(grain => grain.EmbedAsync(["Spread me."]))).WaitAsync(TestTimeouts.Step);
        var locations = await fixture.Cluster.LocateAsync(grains);
        var counts = locations.GroupBy(silo => silo ?? "none").ToDictionary(group => group.Key, group => group.Count());

        Assert.Equal(AcceleratorSilos.Order(), counts.Keys.Order());
        // Each of the three silos places its share evenly, so the two halves differ by at most one per silo.
        Assert.All(counts.Values, count => Assert.InRange(count, 5, 11));
        // Activations on accelerator silos stay there: GrainLog.ReturningToAccelerator (event 1304) is never logged.
        Assert.Empty(fixture.Cluster.Logs.CountBySilo(1304));
    }

    [Fact]
    public async Task EmbedAsync_ManyConcurrentQueries_FewerRunsThanRequestsAndSameVectors()
    {
        var texts = Enumerable.Range(0, 24).Select(i => $"Question number {i}: how do I restore backup {i * 7}?").ToArray();
        var grains = fixture.Cluster.PoolGrains();
        var batchers = AcceleratorSilos.Select(fixture.Cluster.BatcherOf).ToArray();
        var runsBefore = batchers.Sum(batcher => batcher.Embedder.Session.RunCount);

        var batched = await Task.WhenAll(texts.Select((text, i) => grains[i % grains.Length].EmbedAsync([text])))
            .WaitAsync(TestTimeouts.Step);
        var runs = batchers.Sum(batcher => batcher.Embedder.Session.RunCount) - runsBefore;
        var alone = texts.Select(text => batchers[0].Embedder.Embed([text])[0]).ToArray();

        Assert.InRange(runs, 1, texts.Length - 1);
        for (var i = 0; i < texts.Length; i++)
        {
            var difference = batched[i][0].Zip(alone[i], (left, right) => Math.Abs(left - right)).Max();
            Assert.True(difference <= Tolerance, $"Text {i} differs from its unbatched vector by {difference}.");
        }
    }

    [Fact]
    public async Task ExtractiveAnswerer_OnCpuSilo_EmbedsOnAcceleratorSilos()
    {
        var pool = fixture.Cluster.ServicesOf("Silo_0").GetRequiredService<EmbeddingGrainPool>();
        var answerer = new ExtractiveAnswerer(new PooledTextEmbedder(pool), new ExtractiveAnswererOptions());
        var passage = new AnswerPassage(Guid.NewGuid(), "Routine Vacuuming", "Vacuuming Basics", null,
            "VACUUM reclaims storage occupied by dead tuples. It can run in parallel with reading and writing. " +
            "Plain VACUUM does not take an exclusive lock on the table.", 0.8);
        var local = fixture.Cluster.BatcherOf("Silo_0").Embedder.Session;
        var batchers = AcceleratorSilos.Select(fixture.Cluster.BatcherOf).ToArray();
        var localBefore = local.RunCount;
        var acceleratedBefore = batchers.Sum(batcher => batcher.Embedder.Session.RunCount);

        var answer = await answerer.AnswerAsync("What does VACUUM reclaim?", [passage]).WaitAsync(TestTimeouts.Step);

        Assert.NotEmpty(answer.Sources);
        Assert.Equal(localBefore, local.RunCount);
        Assert.True(batchers.Sum(batcher => batcher.Embedder.Session.RunCount) > acceleratedBefore,
            "No accelerator silo ran the model for the answer's sentences.");
    }

    [Fact]
    public async Task EmbedAsync_QueueFull_ThrowsRetryableBusy()
    {
        // 40 concurrent requests of 16 texts against a queue of 32 texts per silo.
        var texts = Enumerable.Range(0, 16).Select(i => $"Passage {i} of a long document about vacuuming tables.").ToArray();
        var grains = fixture.Cluster.PoolGrains();

        var calls = Enumerable.Range(0, 40).Select(i => grains[i % grains.Length].EmbedPassagesAsync(texts)).ToArray();
        await Task.WhenAll(calls).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(TestTimeouts.Step);
        var failures = calls.Where(call => call.IsFaulted).Select(call => call.Exception!.InnerException).ToArray();

        Assert.NotEmpty(failures);
        Assert.Contains(calls, call => call.IsCompletedSuccessfully);
        Assert.All(failures, failure => Assert.IsType<InferenceBusyException>(failure));
        var busy = (InferenceBusyException)failures[0]!;
        Assert.Equal(TimeSpan.FromMilliseconds(1500), busy.RetryAfter);
        Assert.Contains("MaxQueuedTexts", busy.Message, StringComparison.Ordinal);
    }

    /// <summary>The cluster of this collection, with a small queue so that the queue-full case is reachable.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        private InferenceCluster? _cluster;

        public InferenceCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

        public async Task InitializeAsync() =>
            _cluster = await InferenceCluster.StartAsync(
                new Dictionary<string, string?>
                {
                    ["Inference:Embeddings:Batching:MaxQueuedTexts"] = "32",
                    ["Inference:Embeddings:Batching:RetryAfter"] = "00:00:01.5",
                },
                AcceleratorSilos);

        public async Task DisposeAsync()
        {
            if (_cluster is not null)
            {
                await _cluster.DisposeAsync();
            }
        }
    }

    [CollectionDefinition(Name)]
    public sealed class Collection : ICollectionFixture<Fixture>;
}
