namespace VoiceHelper.Grains.Knowledge;

/// <summary>The keys of index shard grains and the routing of chunk ids to shards.</summary>
public static class IndexShardKey
{
    /// <summary>Returns the key of a shard: <c>{knowledgeBaseId:N}/{shard}</c>.</summary>
    public static string Format(Guid knowledgeBaseId, int shard) => $"{knowledgeBaseId:N}/{shard}";

    /// <summary>Reads a shard key back into its knowledge base and shard number.</summary>
    /// <exception cref="FormatException">The key is not of the form that <see cref="Format"/> writes.</exception>
    public static (Guid KnowledgeBaseId, int Shard) Parse(string key)
    {
        var separator = key.IndexOf('/', StringComparison.Ordinal);
        if (separator < 0 || !Guid.TryParseExact(key[..separator], "N", out var knowledgeBaseId)
            || !int.TryParse(key[(separator + 1)..], out var shard) || shard < 0)
        {
            throw new FormatException($"Index shard key '{key}' is not '<knowledge base id>/<shard>'.");
        }

        return (knowledgeBaseId, shard);
    }

    /// <summary>Returns the shard that holds a chunk.</summary>
    public static int ShardOf(long chunkId, int shardCount) => (int)(chunkId % shardCount);

    /// <summary>Adds the chunks to their shards.</summary>
    public static Task AddAsync(IGrainFactory grains, Guid knowledgeBaseId, int shardCount, IReadOnlyList<long> chunkIds) =>
        ForEachShardAsync(grains, knowledgeBaseId, shardCount, chunkIds, (shard, ids) => shard.AddAsync(ids));

    /// <summary>Removes the chunks from their shards.</summary>
    public static Task RemoveAsync(IGrainFactory grains, Guid knowledgeBaseId, int shardCount, IReadOnlyList<long> chunkIds) =>
        ForEachShardAsync(grains, knowledgeBaseId, shardCount, chunkIds, (shard, ids) => shard.RemoveAsync(ids));

    private static Task ForEachShardAsync(
        IGrainFactory grains, Guid knowledgeBaseId, int shardCount, IReadOnlyList<long> chunkIds,
        Func<IIndexShardGrain, IReadOnlyList<long>, Task> action) =>
        Task.WhenAll(chunkIds
            .GroupBy(id => ShardOf(id, shardCount))
            .Select(group => action(grains.GetGrain<IIndexShardGrain>(Format(knowledgeBaseId, group.Key)), group.ToArray())));
}
