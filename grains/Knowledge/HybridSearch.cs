using VoiceHelper.Grains.Persistence;
using VoiceHelper.Knowledge.Index;

namespace VoiceHelper.Grains.Knowledge;

/// <summary>
/// Hybrid retrieval: the query's vector goes to every index shard, its words to PostgreSQL full-text search, and
/// the two rankings are fused by reciprocal rank fusion.
/// </summary>
internal sealed class HybridSearch(
    IGrainFactory grains, EmbeddingGrainPool embedders, PostgresKnowledgeStore store, KnowledgeOptions options)
{
    // How many more vector candidates a filtered search takes from the shards when too many chunks match the
    // filter to rank them exactly.
    private const int FilteredOversampling = 20;

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(KnowledgeBaseInfo knowledgeBase, SearchQuery query)
    {
        var candidates = query.TopK * options.CandidatesPerHit;
        var vectorTask = VectorRankingAsync(knowledgeBase, query.Query, candidates, query.DocumentIds);
        var textTask = store.FullTextSearchAsync(knowledgeBase.Id, query.Query, candidates, query.DocumentIds, CancellationToken.None);
        var vectorRanking = await vectorTask;
        var textRanking = await textTask;

        var fused = Fuse(vectorRanking, textRanking);
        var sources = await store.GetChunkSourcesAsync(knowledgeBase.Id, [.. fused.Keys], CancellationToken.None);
        var allowed = query.DocumentIds?.ToHashSet();
        return fused
            .Where(entry => sources.ContainsKey(entry.Key))
            .Select(entry => ToHit(entry.Key, sources[entry.Key], entry.Value))
            .Where(hit => allowed is null || allowed.Contains(hit.DocumentId))
            .Where(hit => hit.Score >= query.MinScore)
            .OrderByDescending(hit => hit.Score)
            .ThenBy(hit => hit.ChunkId)
            .Take(query.TopK)
            .ToList();
    }

    private async Task<IReadOnlyList<long>> VectorRankingAsync(
        KnowledgeBaseInfo knowledgeBase, string query, int count, IReadOnlyList<Guid>? documentIds)
    {
        var vectors = await embedders.Next().EmbedAsync([query]);
        if (documentIds is null)
        {
            return await ShardRankingAsync(knowledgeBase, vectors[0], count);
        }

        // The shards' HNSW indexes cannot filter by document, and the nearest chunks of the whole knowledge base
        // may all belong to other documents. So the chunks of the named documents are ranked exactly when they are
        // few enough to read.
        var embeddings = await store.LoadDocumentEmbeddingsAsync(
            knowledgeBase.Id, documentIds, options.ExactFilterMaxChunks + 1, CancellationToken.None);
        if (embeddings.Count <= options.ExactFilterMaxChunks)
        {
            return ExactRanking(embeddings, vectors[0], count);
        }

        // NOTE: Past the exact limit the shards return many more candidates than requested and the others are
        // dropped, so a document whose chunks all rank below that many others goes unfound by the vector side. The
        // full-text side still filters exactly.
        var ranking = await ShardRankingAsync(knowledgeBase, vectors[0], count * FilteredOversampling);
        var allowed = await store.FilterChunksByDocumentAsync(ranking, documentIds, CancellationToken.None);
        return ranking.Where(allowed.Contains).Take(count).ToList();
    }

    private async Task<IReadOnlyList<long>> ShardRankingAsync(KnowledgeBaseInfo knowledgeBase, float[] vector, int count)
    {
        var shardResults = await Task.WhenAll(Enumerable.Range(0, knowledgeBase.ShardCount).Select(shard =>
            grains.GetGrain<IIndexShardGrain>(IndexShardKey.Format(knowledgeBase.Id, shard)).SearchAsync(vector, count)));
        return shardResults
            .SelectMany(matches => matches)
            .OrderByDescending(match => match.Similarity)
            .Take(count)
            .Select(match => match.ChunkId)
            .ToList();
    }

    private static List<long> ExactRanking(IReadOnlyList<(long Id, float[] Vector)> embeddings, float[] query, int count)
    {
        if (embeddings.Count == 0)
        {
            return [];
        }

        using var index = new ExactVectorIndex(query.Length);
        index.Upsert([.. embeddings.Select(embedding => ((ulong)embedding.Id, embedding.Vector))]);
        return [.. index.Search(query, count).Select(match => (long)match.Key)];
    }

    // Each ranking adds 1 / (k + rank); dividing by 2 / (k + 1) makes rank 1 in both rankings score 1.
    private Dictionary<long, double> Fuse(IReadOnlyList<long> vectorRanking, IReadOnlyList<long> textRanking)
    {
        var k = options.FusionK;
        var best = 2.0 / (k + 1);
        var scores = new Dictionary<long, double>();
        foreach (var ranking in new[] { vectorRanking, textRanking })
        {
            for (var rank = 0; rank < ranking.Count; rank++)
            {
                scores[ranking[rank]] = scores.GetValueOrDefault(ranking[rank]) + 1.0 / (k + rank + 1) / best;
            }
        }

        return scores;
    }

    private static SearchHit ToHit(long chunkId, ChunkSource source, double score) =>
        new(chunkId, source.DocumentId, source.Title, source.Heading, source.Page, source.Text, score);
}
