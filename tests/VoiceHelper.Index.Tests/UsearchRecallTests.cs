using VoiceHelper.Bench.Index;
using VoiceHelper.Knowledge.Index;

namespace VoiceHelper.Index.Tests;

/// <summary>
/// Recall of the HNSW index with its default options against exact search. The vectors are clustered synthetic
/// embeddings (<see cref="SyntheticEmbeddings"/>), because independent random 384-dimensional vectors have no
/// meaningful neighbours. The benchmark measures the same at 100,000 vectors and more.
/// </summary>
[Trait("Category", "Unit")]
public sealed class UsearchRecallTests
{
    private const int VectorCount = 20_000;
    private const int QueryCount = 200;
    private const int Neighbours = 10;

    [Fact]
    public void Search_20kSyntheticEmbeddings_RecallAt10AtLeast095()
    {
        var vectors = SyntheticEmbeddings.Generate(VectorCount, 384, seed: 1);
        var queries = SyntheticEmbeddings.Generate(QueryCount, 384, seed: 2);
        var entries = TestVectors.Keyed(vectors);
        using var exact = new ExactVectorIndex(384);
        using var approximate = new UsearchVectorIndex();
        exact.Upsert(entries);
        approximate.Upsert(entries);

        var found = 0;
        foreach (var query in queries)
        {
            var expected = exact.Search(query, Neighbours).Select(match => match.Key).ToHashSet();
            found += approximate.Search(query, Neighbours).Count(match => expected.Contains(match.Key));
        }

        var recall = (double)found / (QueryCount * Neighbours);
        Assert.True(recall >= 0.95, $"Recall@10 was {recall:0.0000} over {QueryCount} queries.");
    }
}
